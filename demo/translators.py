"""The translation side of the demo: a Swedish translator with work to do.

``ensure_translator`` makes "translator-sv", a member of the Translators
group with Swedish in their profile; ``outdate_swedish`` changes the English
source of the two newest releases that have a Swedish translation, so that
the translator's queue opens on outdated work with a diff to read, beside
the many releases the demo leaves untranslated in Swedish. Both can run
again without changing anything more.
"""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from releases.models import PressRelease
from releases.roles import TRANSLATORS, sync_roles
from translations import services
from translations.models import TranslatorProfile
from translations.services import Status

TRANSLATOR_USERNAME = "translator-sv"
TRANSLATOR_LANGUAGES = ["sv"]

#: What the editors changed in English after the Swedish was made: a lead
#: that gained a sentence, a body with a new closing paragraph.
LEAD_ADDITION = (
    " The Committee will adopt its opinion at the plenary session in October."
)
BODY_ADDITION = (
    "<p>The full text of the opinion, and a summary in every official language, "
    'will be available on <a href="https://cor.europa.eu/">the Committee\'s '
    "website</a>.</p>"
)


def ensure_translator(*, debug, password=None):
    """The demo's Swedish translator: (username, password to print or None).

    Passwords as for the demo's other users: the fixed demo ``password`` on a
    developer's machine (``debug``), else a random one printed only when the
    user is made.
    """
    users = get_user_model()._default_manager
    user = users.filter(username=TRANSLATOR_USERNAME).first()
    shown = None
    if user is None:
        shown = password if debug and password else secrets.token_urlsafe(12)
        user = users.create_user(
            TRANSLATOR_USERNAME,
            "%s@newsroom.example.org" % TRANSLATOR_USERNAME,
            shown,
            first_name="Sara",
            last_name="Lindqvist",
            is_staff=True,
        )
    elif debug and password and user.check_password(password):
        shown = password
    user.groups.add(sync_roles()[TRANSLATORS])
    TranslatorProfile.objects.update_or_create(
        user=user, defaults={"languages": TRANSLATOR_LANGUAGES}
    )
    return TRANSLATOR_USERNAME, shown


@transaction.atomic
def outdate_swedish(*, count=2):
    """Change the English of the newest releases translated into Swedish.

    Returns the releases whose Swedish is now outdated. Their English is
    changed once: a release that already has the addition is left alone.
    """
    candidates = list(
        PressRelease.objects.published()
        .filter(original_language="en", published_at__lte=timezone.now())
        .exclude(title_sv="")
        .exclude(title_sv__isnull=True)
        .order_by("-published_at")[:count]
    )
    for release in candidates:
        if not (release.lead_en or "").endswith(LEAD_ADDITION):
            release.lead_en = (release.lead_en or "") + LEAD_ADDITION
        if BODY_ADDITION not in (release.body_en or ""):
            release.body_en = (release.body_en or "") + BODY_ADDITION
        release.save()
    return [
        release
        for release in candidates
        if Status.OUTDATED in services.status(release, "sv").values()
    ]
