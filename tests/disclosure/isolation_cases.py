"""Every disclosure section (one admin entry each) and its public URLs in the isolation suite."""

from disclosure.models import SECTION_PATHS, SECTION_PROXIES, Section
from tests.disclosure.factories import (
    BudgetFactory,
    DatasetFactory,
    ProjectFactory,
    RecordFactory,
    add_rows,
)
from tests.isolation.harness import IsolationCase

DETAILS = {
    Section.BUDGET: BudgetFactory,
    Section.INVESTMENT: ProjectFactory,
    Section.STATISTICS: DatasetFactory,
}


def _maker(section: str):
    def make(tenant, marker):
        fields = {
            "tenant": tenant,
            "section": section,
            "title_vi": f"Tin {marker}",
            "title_en": f"Item {marker}",
        }
        if section in DETAILS:
            record = DETAILS[section](**{f"record__{k}": v for k, v in fields.items()}).record
        else:
            record = RecordFactory(**fields)
        if section == Section.STATISTICS:
            add_rows(record, ["Năm 2025"], [(f"Chỉ tiêu {marker}", "người", ["12"])])
        return SECTION_PROXIES[section].objects.get(pk=record.pk)

    return make


def _urls(obj):
    urls = [obj.get_absolute_url()]
    if obj.section == Section.STATISTICS:
        urls.append(obj.get_absolute_url() + "du-lieu.csv")
    return urls


CASES = [
    IsolationCase(
        name=f"disclosure-{section}",
        make=_maker(section),
        detail_urls=_urls,
        list_urls=[f"/{path}/", f"/{path}/rss/", f"/{path}/atom/", f"/{path}/feed.json"],
        admin_model=SECTION_PROXIES[section],
    )
    for section, path in SECTION_PATHS.items()
]
