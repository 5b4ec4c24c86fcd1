# JD Builder: `make run` to use it, `make test` to test it. See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEV := DJANGO_DEBUG=1

.PHONY: run test test-fast lint format bench bench-pdf eval serve loadtest setup setup-dev clean

## run: set everything up and serve the app on http://127.0.0.1:8000 with a task worker (SQLite, DEBUG on)
run: setup
	$(DEV) $(BIN)/python manage.py migrate --no-input
	$(DEV) $(BIN)/python manage.py create_demo_user
	$(DEV) scripts/run-dev.sh $(BIN)/python $(HOST):$(PORT)

## test: run the whole test suite (on SQLite; set DATABASE_URL for another database)
test: setup-dev
	$(BIN)/pytest

## test-fast: the suite without the real-browser, LibreOffice, gunicorn and identity-provider tests (CI runs them all)
test-fast: setup-dev
	$(BIN)/pytest -m "not browser and not libreoffice and not server and not idp"

## lint: ruff, formatting, the import contracts (pyproject.toml) and missing migrations, as CI checks them
lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run

## eval: the guidance checks over the labelled corpus (tests/eval/corpus/): precision and recall per
##   rule, level accuracy, disagreements; ARGS="--split test --gate" fails below a target (CI)
eval: setup-dev
	$(BIN)/python scripts/eval_guidance.py $(ARGS)

## bench-pdf: PDF render benchmark (app renderer vs plain WeasyPrint, cache, memory)
bench-pdf: setup
	$(DEV) $(BIN)/python manage.py migrate --no-input -v0
	$(DEV) $(BIN)/python manage.py bench_pdf

## serve: production-style server (gunicorn + WhiteNoise); needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS,
##   DJANGO_SITE_URL and DJANGO_EMAIL_HOST (or DJANGO_EMAIL_BACKEND for a site without mail)
serve: setup
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input -v0
	$(BIN)/python -m gunicorn -c gunicorn.conf.py jdbuilder.wsgi

## bench: deployment benchmark against gunicorn + PostgreSQL on 127.0.0.1 (about 20 minutes)
bench: setup-dev
	timeout 1800 $(BIN)/python scripts/bench.py

## loadtest: 20 HR users for 60 s against gunicorn + PostgreSQL on 127.0.0.1 (not part of make test)
loadtest: setup-dev
	mkdir -p test-artifacts
	$(BIN)/python scripts/loadtest.py

format: setup-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

setup: $(VENV)/.installed node_modules/.installed
setup-dev: setup $(VENV)/.dev-installed

$(BIN)/python:
	PYTHON=$(PYTHON) scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	PYTHON=$(PYTHON) scripts/system-deps.sh
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	PYTHON=$(PYTHON) scripts/system-deps.sh --test
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	PYTHON=$(PYTHON) scripts/system-deps.sh
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf $(VENV) node_modules staticfiles test-artifacts .pytest_cache .ruff_cache
