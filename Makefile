# The commands a newcomer needs: `make demo` (sample data to look at), `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=jobtracker.settings_test

.PHONY: run demo setup test lint format check pytest e2e bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the requirements change.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Secrets are generated once and kept: a new SECRET_KEY per start would log everyone out,
# a new ENCRYPTION_KEY would make stored mailbox passwords unreadable.
.env: | $(VENV)/.installed
	$(BIN)/python scripts/make_env.py .env

# What the Procfile's `release` line does: static files (first: page code may look up their
# hashed names when it loads), database tables, schedules.
setup: $(VENV)/.installed .env
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py setup_schedules

# Variables set in the environment win over .env (`DEBUG=true make run`): scripts/run.py
# loads .env under them and starts honcho without its own .env reading.
run: setup
	@echo ""
	@echo "  jobtracker is starting at http://127.0.0.1:$(PORT)"
	@echo "  First visit: create your account there. Stop with Ctrl-C."
	@echo ""
	$(BIN)/python scripts/run.py -- --no-prefix -f Procfile -p $(PORT) web worker

# A demo account with invented data (rebuilt on every run; other accounts are never touched).
# Prints the username and a new password; `make demo DEMO_PASSWORD=…` sets that one instead.
demo: setup
	$(BIN)/python manage.py demo $(if $(DEMO_PASSWORD),--password '$(DEMO_PASSWORD)',--new-password)
	@echo "  Next: make run, then sign in at http://127.0.0.1:$(PORT)/login/"

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(VENV)/.installed
	$(TEST_SETTINGS) $(BIN)/python manage.py check --fail-level WARNING
	$(TEST_SETTINGS) $(BIN)/python manage.py makemigrations --check --dry-run

# Two workers by default (the suite is mostly waiting on browsers and servers); `-m "not slow"`
# leaves out fuzzing and real-process tests (CI runs those once, on PostgreSQL).
PYTEST_WORKERS ?= 2
pytest: $(VENV)/.installed
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test: lint check pytest

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

e2e: $(VENV)/.installed
	$(BIN)/pytest -m e2e $(PYTEST_ARGS)

bench: $(VENV)/.installed .env
	$(BIN)/python manage.py bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data/staticfiles .pytest_cache .ruff_cache
