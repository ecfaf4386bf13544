# Groundwork: `make run` (the embedded demo) and `make test` (the whole suite) set everything up.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
# Every package the site and its tests use, direct or not, at one version with its hashes. The
# direct pins live in pyproject.toml; `make lock` rewrites this file from them.
LOCK := requirements.lock
UV_VERSION := $(shell sed -n 's/^uv==\([^ ]*\).*/\1/p' $(LOCK))
UV_STAMP := $(VENV)/.uv-$(UV_VERSION)
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | sha1sum | cut -c1-12)
# uv uses the Python that made .venv and never fetches one of its own.
export UV_PYTHON_DOWNLOADS := never
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)
HOST ?= 127.0.0.1
PORT ?= 8000
# The demo's organisers pass two-factor with this code; only ever honoured with DEBUG on.
# The demo's email is appended to one file, so that the terminal keeps the logins in view.
DEMO_EMAILS := var/demo-emails.log
# The job worker logs each job it runs (the demo queues hundreds of emails): to a file too. It
# survives the database going away by itself (core/jobs.py); anything else that stops it, the loop
# in `run` starts it again, as systemd and compose do in production.
DEMO_WORKER_LOG := var/demo-worker.log
DEMO_ENV := DEBUG=true DEMO_TOTP_BYPASS_CODE=000000 SITE_URL=http://$(HOST):$(PORT) EMAIL_FILE=$(DEMO_EMAILS)

.PHONY: run test test-postgres lint typecheck check-migrations check venv lock browser clean bench

# Django 6 needs Python 3.12 or newer. Try what is on PATH, then pyenv's versions (a pyenv shim
# answers `python3.13` even when that version is not selected, so each candidate is run, not trusted).
PYTHON_CANDIDATES := python3.13 python3.12 python3 \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3) $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3) \
	$(wildcard /root/.pyenv/versions/3.13*/bin/python3) $(wildcard /root/.pyenv/versions/3.12*/bin/python3)
find_python = $(firstword $(foreach p,$(PYTHON_CANDIDATES),$(shell $(p) -c 'import sys; assert sys.version_info >= (3, 12); print("$(p)")' 2>/dev/null)))

venv: $(STAMP)

# uv, at the version the lock names, is the one package pip installs; uv installs the rest.
$(UV_STAMP):
	@if [ -z "$(UV_VERSION)" ]; then echo "$(LOCK) names no uv version; restore it from git." >&2; exit 1; fi
	@python="$(call find_python)"; \
	if [ -z "$$python" ]; then \
	  echo "Groundwork needs Python 3.12 or newer. Install it (Debian/Ubuntu: apt-get install python3.12 python3.12-venv) and run make again." >&2; exit 1; \
	fi; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV); fi
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	rm -f $(VENV)/.uv-* && touch $(UV_STAMP)

# The lock, exactly (hashes checked, anything else removed), then Groundwork itself, editable.
$(STAMP): pyproject.toml $(LOCK) $(UV_STAMP)
	$(UV) pip sync --quiet --python $(PY) --require-hashes $(LOCK)
	$(UV) pip install --quiet --python $(PY) --no-deps --editable .
	rm -f $(VENV)/.installed-* && touch $(STAMP)

# After changing a pin in pyproject.toml: other packages keep their locked versions where they can.
# `make lock UPGRADE=--upgrade` moves every package to its newest release the pins allow.
lock: $(UV_STAMP)
	$(UV) pip compile --quiet --universal --generate-hashes --extra test $(UPGRADE) \
	  --custom-compile-command "make lock" --output-file $(LOCK) pyproject.toml

var:
	mkdir -p var/static

# The logins come last: they are kept in var/demo-logins.txt and printed once the server answers,
# after the server's and the worker's start-up lines.
run: venv var
	$(DEMO_ENV) $(PY) manage.py migrate --noinput -v0
	@$(DEMO_ENV) $(PY) manage.py load_demo --if-empty > var/demo-logins.txt
	@trap 'kill 0' EXIT INT TERM; \
	while true; do $(DEMO_ENV) $(PY) manage.py run_worker --interval 1 >> $(DEMO_WORKER_LOG) 2>&1; \
	  echo "The job worker stopped ($$?); starting it again." | tee -a $(DEMO_WORKER_LOG); sleep 2; \
	done & \
	( until (exec 3<>/dev/tcp/$(HOST)/$(PORT)) 2>/dev/null; do sleep 0.5; done; sleep 1; \
	  echo; cat var/demo-logins.txt; \
	  echo "Two-factor code for the demo organisers and coordinator: 000000 (demo only)."; \
	  echo "The demo's emails go to $(DEMO_EMAILS) (follow them with: tail -f $(DEMO_EMAILS)),"; \
	  echo "and the job worker's log to $(DEMO_WORKER_LOG)."; \
	  echo "Groundwork is at http://$(HOST):$(PORT)  (Ctrl-C stops the server and the job worker)"; echo ) & \
	$(DEMO_ENV) $(PY) manage.py runserver --noreload $(HOST):$(PORT)

# Playwright cannot download its own browser here, so the tests drive Debian's Chromium.
browser:
	@if [ -z "$(CHROMIUM)" ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

test: venv browser var
	$(PY) -m pytest $(PYTEST_ARGS)

# The same suite on PostgreSQL (127.0.0.1:5432, user postgres, trust authentication by default).
test-postgres: venv browser var
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/groundwork} $(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The files to check are [tool.mypy]'s in pyproject.toml.
typecheck: venv
	$(VENV)/bin/mypy

# A model change without its migration. The check reads no data: an in-memory database will do.
check-migrations: venv
	DATABASE_URL=sqlite:///:memory: $(PY) manage.py makemigrations --check --dry-run

# What .ci/run checks before the suites (and the pre-commit hooks check before a commit).
check: lint typecheck check-migrations

bench: venv
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var
