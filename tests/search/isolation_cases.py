"""The search index in the isolation harness: an entry of site A is never found on B."""

from datetime import datetime
from zoneinfo import ZoneInfo

from search.analytics import week_of
from search.indexing import replace_entries
from search.models import SearchEntry, SearchQueryStat
from search.registry import IndexEntry
from tests.isolation.harness import IsolationCase


def make_entry(tenant, marker):
    when = datetime(2025, 3, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    title = f"Bản tin kiểm thử {marker}"
    entries = [
        ("article", IndexEntry(tenant.pk, language, title, marker, "/tin/1/", when))
        for language in ("vi", "en")
    ]
    replace_entries("tests.isolation", marker, entries)
    return SearchEntry.objects.filter(object_id=marker).first()


def make_stat(tenant, marker):
    return SearchQueryStat.objects.create(
        tenant=tenant, week=week_of(datetime(2025, 3, 3).date()), query=marker.lower(), searches=1
    )


CASES = [
    IsolationCase(
        name="search-results",
        make=make_entry,
        detail_urls=lambda obj: (),
        # The marker is made per test: search for the words every such entry has.
        list_urls=["/tim-kiem/?q=ban+tin+kiem+thu"],
    ),
    IsolationCase(name="search-query-stats", make=make_stat, admin_model=SearchQueryStat),
]
