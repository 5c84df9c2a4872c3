"""Emptying the test database after a transactional test, table by table that holds rows.

Django's TransactionTestCase flushes with one TRUNCATE of every table (~200 here): 0.4–1 s
of PostgreSQL's time after each such test, whatever the test wrote — and the live-server,
browser and management-command tests that need committed rows are a hundred. A test writes
to a few dozen tables: those are found in one query and emptied with DELETE, the foreign
keys checked at commit (Django makes them DEFERRABLE INITIALLY DEFERRED). The end state is
Django's: every table empty, then the post_migrate signal (content types, permissions)."""

from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import DatabaseError, connections, transaction
from django.test import TransactionTestCase

_django_fixture_teardown = TransactionTestCase._fixture_teardown


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


def empty_filled_tables(connection) -> bool:
    """Delete every row of the database; False if some table would not be emptied this way
    (a constraint that is not deferrable), nothing changed then."""
    quote = connection.ops.quote_name
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in filled_tables(connection):
                cursor.execute(f"DELETE FROM {quote(table)}")
    except DatabaseError:
        return False
    return True


def fixture_teardown(self: TransactionTestCase) -> None:
    """TransactionTestCase._fixture_teardown with the cheaper emptying, for the settings
    pytest-django uses (every app, no serialized rollback); Django's own otherwise."""
    if self.available_apps is not None or self.serialized_rollback:
        return _django_fixture_teardown(self)
    for alias in self._databases_names(include_mirrors=False):
        connection = connections[alias]
        if empty_filled_tables(connection):
            emit_post_migrate_signal(verbosity=0, interactive=False, db=alias)
        else:
            call_command("flush", verbosity=0, interactive=False, database=alias)
