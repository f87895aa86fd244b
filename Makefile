# Newsroom: `make run` serves the demo site, `make test` runs the suite.
# Everything below needs only Python 3.11 on the machine; `make test` also
# installs Debian's Chromium for the browser tests when it is missing, and
# axe-core (npm, pinned in package-lock.json) for the accessibility tests.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test lint format messages bench chromium check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --site http://$(HOST):$(PORT)
	$(MANAGE) runserver $(HOST):$(PORT)

# The production-like stack on this machine: gunicorn (gunicorn.conf.py),
# whitenoise serving hashed static files, PostgreSQL with persistent
# connections, Redis as the shared cache. Override any of these, e.g.
#   make serve DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom
REDIS_URL ?= redis://127.0.0.1:6379/0
SERVE_ENV = DEBUG=false DATABASE_URL=$(DATABASE_URL) REDIS_URL=$(REDIS_URL) \
	SECRET_KEY="$$(cat var/secret_key)" GUNICORN_BIND=$(HOST):$(PORT) \
	ALLOWED_HOSTS=$(HOST),localhost SECURE_SSL_REDIRECT=false \
	SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false

var/secret_key:
	mkdir -p var
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

serve: $(VENV)/.installed var/secret_key
	$(SERVE_ENV) $(MANAGE) migrate --noinput
	$(SERVE_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(BIN)/gunicorn -c gunicorn.conf.py

# Browser tests drive Debian's Chromium; Playwright cannot download its own.
chromium:
	@test -x /usr/bin/chromium || { \
		echo "Installing Chromium for the browser tests (apt-get)"; \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# axe-core, the accessibility engine tests/browser/axe.py injects: Deque's
# own npm build, installed exactly as package-lock.json pins it.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { \
		echo "Installing Node.js and npm for axe-core (apt-get)"; \
		apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error

# Coverage of our apps, printed after the run (files fully covered left out).
test: $(VENV)/.installed-dev chromium node_modules/.package-lock.json
	$(BIN)/pytest --cov=core --cov=history --cov=translations --cov=releases \
		--cov=partnerships --cov=search --cov=demo --cov=api --cov=newsroom --cov-report=term:skip-covered

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract strings into the catalogues, then compile them (needs GNU gettext).
messages: $(VENV)/.installed-dev
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	$(MANAGE) compilemessages --ignore=.venv

check: $(VENV)/.installed-dev
	mkdir -p var
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/public_pages.py

clean:
	rm -rf $(VENV) node_modules var/newsroom.sqlite3*
