"""The contract between the search index and the apps whose items it finds.

An app makes its published items searchable by defining ``<app>/search_index.py``
with ``SOURCES: list[SearchSource]``. The search app collects them through
``portal.hooks.app_modules("search_index")``; it never imports another app's models.

Keeping the index current:
- Models built on ``portal.publishing.Publishable`` need nothing more: the search app
  listens to ``item_published`` / ``item_unpublished`` and to trash/delete.
- Other models (synced procedures, answered questions) call
  ``search.indexing.request_reindex(obj)`` after a change that alters what the
  public sees (published, changed, withdrawn, deleted); it returns at once and the
  work runs in a Celery task after the transaction commits. Changes in bulk (a
  catalogue sync) call ``request_reindex_many(model, ids)``: one task per 500 objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class IndexEntry:
    """One item in one language, as the results page shows it."""

    tenant_id: int  # the publishing tenant (scope and "publishing unit")
    language: str  # "vi" or "en"; emit an "en" entry only when English text exists
    title: str
    body: str  # plain text (strip HTML); summary first, then the rest
    url: str  # path on the publishing tenant's site, without language prefix
    published_at: datetime | None
    reference: str = ""  # document number, procedure code: matched as one token


@dataclass(frozen=True)
class SearchSource:
    kind: str  # stable key: "article", "page", "document", "procedure", "disclosure", "qa"
    label: Any  # gettext_lazy badge, e.g. _("Văn bản")
    model: type[Model]
    # Every object that should be in the index now (published, not trashed/withdrawn);
    # used by `rebuild_search_index` in bulk, so keep it a lazy queryset.
    indexable: Callable[[], QuerySet]
    # The entries of one object; [] when it must not be found (draft, withdrawn...).
    entries: Callable[[Model], Iterable[IndexEntry]]
