"""Entry points other apps call to keep the search index current (see registry.py)."""

from __future__ import annotations

from django.db.models import Model


def request_reindex(obj: Model) -> None:
    """Re-index `obj` (or drop it from the index) after the current transaction commits.

    Implemented by the search issue; until then it does nothing, so apps can call it.
    """
