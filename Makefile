# The README's commands. Every target creates and uses the virtual environment at .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 0.0.0.0
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/govportal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1
PYTEST_ARGS ?=

.PHONY: install messages demo run test test-fast lint format worker beat bench bench-search clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required" if sys.version_info < (3, 11) else 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

messages: install
	$(PY) manage.py compile_translations

# Everything set up, the portal running with demo data (SQLite unless DATABASE_URL is set).
demo: messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py seed_demo --port $(PORT)
	$(PY) manage.py runserver $(HOST):$(PORT) --insecure

run: messages
	$(PY) manage.py runserver $(HOST):$(PORT) --insecure

# The whole suite on PostgreSQL and Redis. Never falls back to SQLite.
test: messages
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
	CELERY_TASK_ALWAYS_EAGER=1 $(PY) -m pytest $(PYTEST_ARGS)

test-fast: messages
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
	CELERY_TASK_ALWAYS_EAGER=1 $(PY) -m pytest -m "not e2e" $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

worker: install
	$(VENV)/bin/celery -A portal worker -l info

beat: install
	$(VENV)/bin/celery -A portal beat -l info

# Search benchmark on a scratch database (<DB>_bench, created and migrated by the command).
bench-search: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) manage.py bench_search

clean:
	rm -rf $(VENV) var db.sqlite3
