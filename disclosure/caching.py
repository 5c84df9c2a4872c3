"""Page-cache declarations (portal/cache_dependencies.py): public records of a site,
listed on it, its ancestors and the sites below it."""

from portal.cache_dependencies import ALL, FAMILY, Depends

_RECORDS = (
    "Record",
    "PlanningRecord",
    "BudgetRecord",
    "InvestmentRecord",
    "StatisticsRecord",
    "RecruitmentRecord",
    "AntiCorruptionRecord",
    "ScienceRecord",
    "LandRecord",
)
_PARTS = (
    "Attachment",
    "TableRow",
    "PlanDetails",
    "ProjectDetails",
    "BudgetDetails",
    "DatasetDetails",
    "RecruitmentDetails",
)
PAGE_DEPENDENCIES = (
    *(Depends(f"disclosure.{name}", scope=FAMILY) for name in _RECORDS),
    *(Depends(f"disclosure.{name}", scope=FAMILY, site="record.tenant_id") for name in _PARTS),
    Depends("disclosure.DeadlineRule", scope=ALL),
)
