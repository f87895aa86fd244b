"""Newsroom settings: one module, configured from the environment.

Every value a deployment may change is read from an environment variable
(see .env.example); the defaults are for a developer's machine: DEBUG on, an
embedded SQLite database under var/.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from core.languages import EXTRA_LANG_INFO, LANGUAGES  # noqa: F401

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured("%s must be true or false, not %r" % (name, value))


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used on a developer's machine: DEBUG is on.
    SECRET_KEY = "django-insecure-development-only-key-do-not-deploy"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Django's widget templates, for FORM_RENDERER below.
    "django.forms",
    "taggit",
    # Revisions of releases, topics, speakers, organisations and partnerships.
    "reversion",
    "axes",
    "csp",
    # The open API's framework; listed so its docs page serves Swagger UI
    # from our own static files, not a CDN the CSP would refuse.
    "ninja",
    # Our apps. Imports run one way (pyproject.toml's import-linter
    # contract): core <- history <- translations <- releases <- partnerships
    # <- search <- demo, and api on top. This list keeps the order signals
    # and post_migrate hooks have always run in; search and api, new, come
    # after the apps they read.
    "core",
    "history",
    "partnerships",
    "releases",
    # After releases: it indexes them, through signals (search/signals.py).
    "search",
    "translations",
    "demo",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files with hashed names and far-future caching, straight from
    # the app server (make serve); right after security, before sessions.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # The open API (/api/v1/): rate limit first, then CORS and conditional
    # GET around whatever the API or the middleware below it answers.
    "api.middleware.ApiMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A missing translation falls back to the reader's own languages.
    "releases.middleware.ReaderLanguagesMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Public pages: Cache-Control never past the next scheduled publication.
    "releases.middleware.PublicCacheControlMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a login refused for too many
    # failures into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Innermost: a page served from the cache still passes every middleware
    # above (security headers, CSP, Cache-Control, Content-Language).
    "releases.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Widgets render with the templates above, so that templates/ can override
# one: admin/widgets/split_datetime.html labels the date and time inputs.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "newsroom.wsgi.application"

# Database: an embedded SQLite file by default (WAL mode, so readers do not
# wait for a writer); DATABASE_URL=postgres://user@host:5432/name in
# production.
DATABASE_URL = env(
    "DATABASE_URL", "sqlite:///%s" % (BASE_DIR / "var" / "newsroom.sqlite3")
)
# Persistent connections (CONN_MAX_AGE seconds, 0 to close after each
# request), checked before reuse so a restarted database costs no error.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(env("CONN_MAX_AGE", 600)),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out username and address before any
# password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the 24 official EU languages, English by default.
LANG_INFO.update(EXTRA_LANG_INFO)
LANGUAGE_CODE = "en"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# Times are stored in UTC and shown (and used in dated URLs) in the
# institution's own time zone.
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", "Europe/Brussels")

# The model the translators' workspace, coverage and XLIFF files are about,
# named by label so that the translations app never imports releases.
TRANSLATIONS_PRIMARY_MODEL = "releases.PressRelease"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# Fallback is ours (the page's language, then the reader's own languages,
# then English, then the original language: core.localized) and has to
# be visible on the page, so modeltranslation's silent fallback is off.
MODELTRANSLATION_ENABLE_FALLBACKS = False
MODELTRANSLATION_AUTO_POPULATE = False
# The admin's language tabs need jQuery UI; ours is bundled, nothing is
# loaded from outside the site.
MODELTRANSLATION_JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

TAGGIT_CASE_INSENSITIVE = True

# The cache: Redis, shared by every app process, when REDIS_URL is set
# (redis://127.0.0.1:6379/0); otherwise each process's own memory, which is
# right for one runserver and for the tests.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Seconds an anonymous public page is kept whole in the cache, per language
# and address (releases/page_cache.py); 0 switches it off. Every change and
# every scheduled publication makes cached pages stale at once.
NEWSROOM_PAGE_CACHE_SECONDS = int(
    env("NEWSROOM_PAGE_CACHE_SECONDS", 600 if REDIS_URL else 0)
)

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "var" / "static"))
# With DEBUG off, static files carry a hash of their content in their names
# (collectstatic writes them, compressed); whitenoise serves them with a
# year's caching. With DEBUG on, plain names, so no collectstatic is needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Largest image an editor may upload, in bytes and in pixels.
NEWSROOM_MAX_IMAGE_BYTES = int(env("NEWSROOM_MAX_IMAGE_BYTES", 5 * 1024 * 1024))
NEWSROOM_MAX_IMAGE_PIXELS = int(env("NEWSROOM_MAX_IMAGE_PIXELS", 40_000_000))
# Largest XLIFF file (or .zip of them, unpacked) a translation import accepts.
NEWSROOM_MAX_XLIFF_BYTES = int(env("NEWSROOM_MAX_XLIFF_BYTES", 5 * 1024 * 1024))

NEWSROOM_PAGE_SIZE = 20

# The open API's rate limit: API_RATE_LIMIT requests per client address in
# each window of API_RATE_WINDOW seconds, counted in Django's cache (the
# default cache is per process: with several workers, configure a shared
# one, such as Redis or the database cache, for one count per address).
# API_RATE_LIMIT=0 switches the limit off.
NEWSROOM_API_RATE_LIMIT = int(env("API_RATE_LIMIT", 120))
NEWSROOM_API_RATE_WINDOW = int(env("API_RATE_WINDOW", 60))
# Seconds browsers and shared caches may keep a public page, capped by the
# next scheduled publication (releases/middleware.py). 0: "no-cache", so
# publications and withdrawals show at once.
NEWSROOM_PUBLIC_MAX_AGE = int(env("NEWSROOM_PUBLIC_MAX_AGE", 0))

# A release form with 24 languages posts about 50 fields per quoted speaker;
# Django's default of 1000 would refuse a release quoting a dozen people.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Transport: HTTPS only in production (see .env.example). HSTS is sent only
# when SECURE_HSTS_SECONDS is set; subdomains and preload are on by default
# then, and may be switched off for a host whose parent domain serves HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (env("SECURE_PROXY_SSL_HEADER"), "https")

# Response headers: no MIME sniffing, no referrer sent to other sites, no
# framing, a browsing context of our own, and no powerful browser features.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Content security policy (django-csp): everything from this site, nothing
# inline, nothing from anywhere else. Neither the public pages nor the admin
# need more (tests/browser/test_csp.py watches for violations).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
if env("CSP_REPORT_URI"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = env("CSP_REPORT_URI")

# Cookies: sent over HTTPS only in production, never readable by scripts
# (nothing of ours reads them), not sent with cross-site requests.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# An admin session lasts a working day at most, and ends with the browser.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", 8 * 60 * 60))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)

# Brute-force protection (django-axes): after AXES_FAILURE_LIMIT failed logins
# for one username from one address, that pair is refused for
# AXES_COOLOFF_MINUTES; a successful login clears the count. Staff unlock
# earlier in the admin (Axes > Access attempts) or with `manage.py axes_reset`.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.lockout.client_ip"
# How many proxies in front of the site append to X-Forwarded-For; 0 when
# the WSGI server faces the internet and REMOTE_ADDR is the visitor.
NEWSROOM_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", 0))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
