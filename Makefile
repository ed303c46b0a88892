# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=jobtracker.settings_test

.PHONY: run test lint format check pytest e2e bench clean

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

run: $(VENV)/.installed .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py setup_schedules
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  jobtracker is starting at http://127.0.0.1:$(PORT)"
	@echo "  First visit: create your account there. Stop with Ctrl-C."
	@echo ""
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/honcho start --no-prefix -f Procfile -p $(PORT) web worker

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(VENV)/.installed
	$(TEST_SETTINGS) $(BIN)/python manage.py check --fail-level WARNING
	$(TEST_SETTINGS) $(BIN)/python manage.py makemigrations --check --dry-run

pytest: $(VENV)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

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
