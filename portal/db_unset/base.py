"""The database backend of settings when no database is configured: PostgreSQL in every
respect except that connecting fails with a message saying how to get a database."""

from django.db.backends.postgresql import base
from django.db.utils import OperationalError

MESSAGE = (
    "No database: DATABASE_URL is not set and the embedded PostgreSQL of this clone "
    "(var/pg) is not running. Use `make demo`, `make run` or `make test` (they start it), "
    "or start it with `.venv/bin/python -m portal.embedded_cli start`, "
    "or set DATABASE_URL=postgres://user:password@host:5432/name."
)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        raise OperationalError(MESSAGE)
