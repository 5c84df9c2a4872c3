"""The migrated test database, built once and kept between runs as a PostgreSQL template.

Migrating a fresh test database costs each pytest process ~20 s of CPU; cloning a template
(CREATE DATABASE … TEMPLATE) costs about a second. The template's name carries a hash of
every migration file and of the test-only models, so a changed migration builds a new one
(and drops the old); a clean clone or a new server builds its first. `--create-db` rebuilds
it. The processes of one run share the template: the first to need it builds it under a
PostgreSQL advisory lock (one per database name of the settings) while the others wait for it."""

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader

BASE_DIR = Path(settings.BASE_DIR)
# Models that only the tests create (tests/conftest.py adds their tables): part of the schema.
TEST_ONLY_MODELS = ("tests/portal/workflow_models.py", "tests/search/models.py")


def schema_key() -> str:
    """12 hex digits that change whenever the migrated schema may change."""
    digest = hashlib.sha256(django.get_version().encode())
    for config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        module_name, _ = MigrationLoader.migrations_module(config.label)
        try:
            folders = import_module(module_name).__path__
        except (ImportError, AttributeError, TypeError):
            continue  # an app without migrations
        for path in sorted(p for folder in folders for p in Path(folder).glob("*.py")):
            digest.update(f"{config.label}/{path.name}\0".encode() + path.read_bytes())
    for name in TEST_ONLY_MODELS:
        digest.update(name.encode() + (BASE_DIR / name).read_bytes())
    return digest.hexdigest()[:12]


def template_prefix(connection: BaseDatabaseWrapper) -> str:
    # The settings' own database name, not the per-process test name (…_gw0, …_gw1).
    return f"test_{connection.settings_dict['NAME']}"[:40] + "_migrated_"


def clone_test_database(
    connection: BaseDatabaseWrapper, *, build: Callable[[], None], rebuild: bool = False
) -> str:
    """Create this process's test database as a copy of the migrated template (built first,
    by `build` run on an empty database, when missing) and point `connection` at it."""
    test_name = connection.creation._get_test_db_name()
    prefix = template_prefix(connection)
    template = prefix + schema_key()
    # The processes of one xdist run share its id: `--create-db` rebuilds once per run.
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")
    lock = int.from_bytes(hashlib.sha256(prefix.encode()).digest()[:8], "big", signed=True)
    with _maintenance_cursor(connection) as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [lock])
        try:
            if rebuild and not (run and _built_by(cursor, template) == run):
                _drop(cursor, template)
            if not _exists(cursor, template):
                _build_template(connection, cursor, template, build)
                cursor.execute(f"COMMENT ON DATABASE {_quote(template)} IS %s", [run])
                _drop_stale_templates(cursor, prefix, keep=template)
            _drop(cursor, test_name)
            cursor.execute(f"CREATE DATABASE {_quote(test_name)} TEMPLATE {_quote(template)}")
            # A commit need not wait for its WAL to reach the disk: a crashed server loses
            # a test database, never a result. Live-server and browser tests commit each row.
            cursor.execute(f"ALTER DATABASE {_quote(test_name)} SET synchronous_commit = off")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [lock])
    _point_at(connection, test_name)
    return test_name


def drop_test_database(connection: BaseDatabaseWrapper, original_name: str) -> None:
    test_name = connection.settings_dict["NAME"]
    connection.close()
    _point_at(connection, original_name)
    with _maintenance_cursor(connection) as cursor:
        _drop(cursor, test_name)


def _build_template(connection, cursor, template: str, build: Callable[[], None]) -> None:
    # Built under another name and renamed when complete: an interrupted build (Ctrl-C)
    # never leaves a half-migrated template behind.
    building = template + "_tmp"
    _drop(cursor, building)
    suffix = connection.creation.sql_table_creation_suffix()
    cursor.execute(f"CREATE DATABASE {_quote(building)} {suffix}")
    original = connection.settings_dict["NAME"]
    _point_at(connection, building)
    try:
        build()
    finally:
        connection.close()
        _point_at(connection, original)
    cursor.execute(f"ALTER DATABASE {_quote(building)} RENAME TO {_quote(template)}")


def _drop_stale_templates(cursor, prefix: str, *, keep: str) -> None:
    cursor.execute(
        "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s",
        [prefix, keep],
    )
    for (name,) in cursor.fetchall():
        _drop(cursor, name)


@contextmanager
def _maintenance_cursor(connection: BaseDatabaseWrapper) -> Iterator:
    """A cursor on the server's `postgres` database, outside any transaction (CREATE and
    DROP DATABASE refuse to run in one)."""
    with connection.creation._nodb_cursor() as cursor:
        yield cursor


def _point_at(connection: BaseDatabaseWrapper, name: str) -> None:
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _exists(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def _built_by(cursor, name: str) -> str | None:
    cursor.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [name],
    )
    row = cursor.fetchone()
    return row[0] if row else None


def _drop(cursor, name: str) -> None:
    # FORCE: a test process killed mid-run may have left a session on its database.
    cursor.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
