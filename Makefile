# Newsroom: `make run` serves the demo site, `make test` runs the suite.
# Everything below needs only Python 3.11 on the machine; `make test` also
# installs Debian's Chromium for the browser tests when it is missing.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format messages bench chromium check clean

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

# Browser tests drive Debian's Chromium; Playwright cannot download its own.
chromium:
	@test -x /usr/bin/chromium || { \
		echo "Installing Chromium for the browser tests (apt-get)"; \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Coverage of our apps, printed after the run (files fully covered left out).
test: $(VENV)/.installed-dev chromium
	$(BIN)/pytest --cov=core --cov=history --cov=translations --cov=releases \
		--cov=partnerships --cov=demo --cov=api --cov=newsroom --cov-report=term:skip-covered

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
	rm -rf $(VENV) var/newsroom.sqlite3*
