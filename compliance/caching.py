"""Page-cache declarations (portal/cache_dependencies.py). Visit counts are written by a
task every few minutes for every site: the footer's figures age with the cache entry
(PAGE_CACHE_SECONDS) rather than invalidate every page at each flush."""

from portal.cache_dependencies import LINEAGE, Depends

PAGE_DEPENDENCIES = (
    Depends("compliance.Indicator", scope=LINEAGE),
    Depends("compliance.MeasurementRun", scope=LINEAGE),  # the public disclosure list
    Depends("compliance.IndicatorResult", scope=LINEAGE, site="run.tenant_id"),
)
NOT_SHOWN = ("compliance.ApiConsumer", "compliance.ExportJob")
TIME_BOUND = ("compliance.VisitDaily",)
