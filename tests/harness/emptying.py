"""Emptying the test database after a transactional test, table by table that holds rows.

Django's TransactionTestCase flushes with one TRUNCATE of every table (~200 here): 0.4–1 s
of PostgreSQL's time after each such test, whatever the test wrote — and the live-server,
browser and management-command tests that need committed rows are a hundred. A test writes
to a few dozen tables: those are found in one query and emptied with DELETE, the foreign
keys checked at commit (Django makes them DEFERRABLE INITIALLY DEFERRED).

The end state is Django's (every table empty, then the post_migrate signal, whose only
receivers (contenttypes, auth) write the content types and permissions of every model),
plus the rows the data migrations wrote (compliance indicators, deadline rules, the
calendar), put back as they were in the migrated database: a test that does not commit
may then run after one that does, in any order (a precondition of handing the longest,
committing tests out first, which is not done yet: docs/performance.md, issue 23). When
the content types and permissions still hold exactly what the last signal wrote and no
model was registered since, the rows are kept and the signal (0.2–0.5 s) is not sent again."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import DatabaseError, connections, transaction
from django.test import TransactionTestCase

_django_fixture_teardown = TransactionTestCase._fixture_teardown
# What post_migrate writes, and the state after its last run: {database alias: fingerprint}.
SIGNAL_TABLES = ("django_content_type", "auth_permission")
FINGERPRINT = """
    SELECT (SELECT md5(coalesce(string_agg(concat_ws(':', id, app_label, model), ','
                ORDER BY id), '')) FROM django_content_type),
           (SELECT md5(coalesce(string_agg(concat_ws(':', id, content_type_id, codename, name),
                ',' ORDER BY id), '')) FROM auth_permission)
"""
_after_last_signal: dict[str, tuple] = {}
# The rows the data migrations wrote, as in the migrated database: {alias: {table: JSON}}.
_migrated_rows: dict[str, dict[str, str]] = {}


def filled_tables(connection) -> list[str]:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    if not tables:
        return []
    quote = connection.ops.quote_name
    probe = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})" for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(probe, tables)
        return [table for (table,) in cursor.fetchall()]


def empty_filled_tables(connection, *, keep: tuple[str, ...] = ()) -> bool:
    """Delete every row of the database but those of `keep`; False if some table would
    not be emptied this way (a constraint that is not deferrable), nothing changed then."""
    quote = connection.ops.quote_name
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in filled_tables(connection):
                if table not in keep:
                    cursor.execute(f"DELETE FROM {quote(table)}")
    except DatabaseError:
        return False
    return True


def keep_migrated_rows(connection) -> None:
    """Remember the rows of the freshly migrated database (call it before any test runs),
    but for the content types and permissions, which post_migrate writes again."""
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for table in filled_tables(connection):
            if table not in SIGNAL_TABLES:
                cursor.execute(f"SELECT json_agg(t)::text FROM {quote(table)} AS t")
                rows[table] = cursor.fetchone()[0]
    _migrated_rows[connection.alias] = rows
    # The content types and permissions are what the migration's last signal wrote: the
    # first emptying keeps them too (and their ids, which tests may name).
    _after_last_signal[connection.alias] = fingerprint(connection)


def restore_migrated_rows(connection) -> None:
    """Put the rows keep_migrated_rows remembered back into their emptied tables."""
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for table, rows in _migrated_rows.get(connection.alias, {}).items():
            cursor.execute(
                f"INSERT INTO {quote(table)} "
                f"SELECT * FROM json_populate_recordset(NULL::{quote(table)}, %s::json)",
                [rows],
            )


def fingerprint(connection) -> tuple:
    """The rows post_migrate writes, and the models it writes them for."""
    with connection.cursor() as cursor:
        cursor.execute(FINGERPRINT)
        rows = cursor.fetchone()
    models = sorted(model._meta.label_lower for model in apps.get_models(True, True))
    return (*rows, tuple(models))


def fixture_teardown(self: TransactionTestCase) -> None:
    """TransactionTestCase._fixture_teardown with the cheaper emptying, for the settings
    pytest-django uses (every app, no serialized rollback); Django's own otherwise."""
    if self.available_apps is not None or self.serialized_rollback:
        return _django_fixture_teardown(self)
    for alias in self._databases_names(include_mirrors=False):
        connection = connections[alias]
        unchanged = _after_last_signal.get(alias) == fingerprint(connection)
        emptied = empty_filled_tables(connection, keep=SIGNAL_TABLES if unchanged else ())
        if not emptied:
            call_command("flush", verbosity=0, interactive=False, database=alias)
        restore_migrated_rows(connection)
        if emptied and unchanged:
            continue
        if emptied:
            emit_post_migrate_signal(verbosity=0, interactive=False, db=alias)
        _after_last_signal[alias] = fingerprint(connection)
