"""Page-cache declarations (portal/cache_dependencies.py). Visit counts are written by a
task every few minutes for every site: the footer's figures age with the cache entry
(PAGE_CACHE_SECONDS) rather than invalidate every page at each flush.

Measurements (runs, their results, the catalogue) are read by the admin and the API
only, never by a public page: a run must not invalidate the pages of its site and of
its province (measuring 4,000 sites would empty the province's page cache 8,000 times,
and a measurement would re-render the very pages it has just fetched)."""

PAGE_DEPENDENCIES = ()
NOT_SHOWN = (
    "compliance.ApiConsumer",
    "compliance.ExportJob",
    "compliance.Indicator",
    "compliance.MeasurementRun",
    "compliance.IndicatorResult",
)
TIME_BOUND = ("compliance.VisitDaily",)


def page_keys(tenant) -> list[str]:
    """Every footer shows the visit counter's stored figures (portal/request_cache.py)."""
    from django.utils import timezone

    from .visits import summary_key

    return [summary_key(tenant.pk, timezone.localdate())]
