"""The open-data catalogue of a site: the datasets it publishes (budget tables, statistics
series, the procedure catalogue, the legal-documents register, the site list), each with
licence, update frequency, size, last change and its downloads — read from the data, for
this site and every site below it (on the provincial portal: the whole province).

The page, the DCAT-AP catalogue and the CKAN API all render these `Dataset` objects, and
the public list of information to disclose reads its machine-readable channels here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Max, QuerySet
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from disclosure.models import SECTION_PATHS, Record, Section
from documents.models import Document
from procedures.models import Procedure
from tenants.models import Tenant

FREQUENCY_BASE = "http://publications.europa.eu/resource/authority/frequency/"
FREQUENCIES = {
    "ANNUAL": _("Hằng năm"),
    "QUARTERLY": _("Hằng quý"),
    "DAILY": _("Hằng ngày"),
    "UPDATE_CONT": _("Liên tục, khi có văn bản mới"),
    "IRREG": _("Khi có thay đổi"),
}
MEDIA_TYPES = {
    "JSON": "application/json",
    "CSV": "text/csv",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "RSS": "application/rss+xml",
    "ATOM": "application/atom+xml",
}
# (dataset name, item of the list of information to disclose): what `datasets` returns.
CATALOGUE = [
    ("ngan-sach", "B8"),
    ("so-lieu-thong-ke", "B9"),
    ("thu-tuc-hanh-chinh", "B4"),
    ("van-ban", "B1"),
    ("don-vi", "A5"),
]
TABLES_PER_DATASET = 10  # the latest tables as files; the rest through the API's cursor


@dataclass(frozen=True)
class Distribution:
    title: str
    url: str
    format: str  # a key of MEDIA_TYPES

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def id(self) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, self.url))


@dataclass(frozen=True)
class Dataset:
    name: str  # CKAN name and DCAT identifier: stable, ASCII
    title: str
    description: str
    frequency: str  # a key of FREQUENCIES
    keywords: tuple[str, ...]
    requirement: str  # the item of the list of information to disclose (B4, B8…)
    landing_page: str
    count: int
    modified: datetime | None
    distributions: list[Distribution] = field(default_factory=list)

    @property
    def frequency_label(self) -> str:
        return str(FREQUENCIES[self.frequency])

    @property
    def frequency_uri(self) -> str:
        return FREQUENCY_BASE + self.frequency

    @property
    def formats(self) -> list[str]:
        return sorted({d.format for d in self.distributions})

    def uri(self, base: str) -> str:
        return f"{base}{reverse('opendata:catalogue')}#{self.name}"


def _size(queryset: QuerySet, moment: str) -> tuple[int, datetime | None]:
    found = queryset.order_by().aggregate(n=Count("pk"), last=Max(moment))
    return found["n"], found["last"]


def _records(tenant: Tenant, section: str) -> QuerySet[Record]:
    return Record.objects.for_subtree(tenant).published().filter(section=section).in_language()


class _Links:
    def __init__(self, base: str, english: bool):
        self.base = base
        self.lang = "&lang=en" if english else ""

    def api(self, path: str, query: str = "") -> str:
        return f"{self.base}/api/v1/{path}?scope=subtree&limit=100{query}{self.lang}"

    def page(self, url_name: str, **kwargs) -> str:
        return self.base + reverse(url_name, kwargs=kwargs or None)


def _tables(tenant: Tenant, section: str, links: _Links) -> list[Distribution]:
    """The latest published tables of a section, each as CSV and XLSX."""
    rows = (
        _records(tenant, section)
        .exclude(table_columns=[])
        .order_by("-published_at", "-id")[:TABLES_PER_DATASET]
    )
    files = []
    for record in rows:
        table = f"{links.base}/api/v1/records/{record.pk}/table?scope=subtree"
        files.append(Distribution(record.title, f"{table}&format=csv", "CSV"))
        files.append(Distribution(record.title, f"{table}&format=xlsx", "XLSX"))
    return files


def _section_dataset(tenant, links, section, name, title, description, frequency, code):
    count, modified = _size(_records(tenant, section), "updated_at")
    page = links.page("disclosure:list", section=SECTION_PATHS[section])
    return Dataset(
        name=name,
        title=str(title),
        description=str(description),
        frequency=frequency,
        keywords=(str(Section(section).label),),
        requirement=code,
        landing_page=page,
        count=count,
        modified=modified,
        distributions=[
            Distribution(
                str(_("Danh sách (API JSON)")), links.api("records", f"&section={section}"), "JSON"
            ),
            Distribution(str(_("Bản tin RSS")), page + "rss/", "RSS"),
            Distribution(str(_("Bản tin Atom")), page + "atom/", "ATOM"),
            *_tables(tenant, section, links),
        ],
    )


def datasets(tenant: Tenant, base: str) -> list[Dataset]:
    """Every dataset of `tenant`'s subtree; `base` is scheme and host of the answer.
    Seven queries whatever the size of the data."""
    english = get_language() == "en"
    links = _Links(base, english)
    budget = _section_dataset(
        tenant,
        links,
        Section.BUDGET,
        "ngan-sach",
        _("Công khai ngân sách"),
        _("Dự toán, tình hình thực hiện và quyết toán ngân sách, với bảng số liệu."),
        "QUARTERLY",
        "B8",
    )
    statistics = _section_dataset(
        tenant,
        links,
        Section.STATISTICS,
        "so-lieu-thong-ke",
        _("Số liệu thống kê"),
        _("Chuỗi số liệu thống kê ngành, lĩnh vực theo kỳ, với bảng số liệu."),
        "ANNUAL",
        "B9",
    )
    procedures = (
        Procedure.objects.filter(status="active").implemented_in(tenant).in_language("name")
    )
    count, modified = _size(procedures, "synced_at")
    procedure_set = Dataset(
        name="thu-tuc-hanh-chinh",
        title=str(_("Danh mục thủ tục hành chính")),
        description=str(
            _(
                "Thủ tục hành chính đang áp dụng: lĩnh vực, cấp thực hiện, "
                "mức dịch vụ công trực tuyến, hồ sơ, phí."
            )
        ),
        frequency="DAILY",
        keywords=(str(_("Thủ tục hành chính")), str(_("Dịch vụ công"))),
        requirement="B4",
        landing_page=links.page("procedures:catalogue"),
        count=count,
        modified=modified,
        distributions=[
            Distribution(str(_("Danh mục (API JSON)")), links.api("procedures"), "JSON"),
            Distribution(
                str(_("Danh mục (CSV)")),
                links.page("opendata:download", name="thu-tuc-hanh-chinh"),
                "CSV",
            ),
        ],
    )
    documents = Document.objects.for_subtree(tenant).published().in_language("summary")
    count, modified = _size(documents, "updated_at")
    document_set = Dataset(
        name="van-ban",
        title=str(_("Sổ văn bản quy phạm pháp luật và chỉ đạo điều hành")),
        description=str(
            _("Số, ký hiệu, trích yếu, cơ quan ban hành, ngày ban hành, hiệu lực và tệp văn bản.")
        ),
        frequency="UPDATE_CONT",
        keywords=(str(_("Văn bản")), str(_("Pháp luật"))),
        requirement="B1",
        landing_page=links.page("documents:list"),
        count=count,
        modified=modified,
        distributions=[
            Distribution(str(_("Sổ văn bản (API JSON)")), links.api("documents"), "JSON"),
            Distribution(
                str(_("Sổ văn bản (CSV)")), links.page("opendata:download", name="van-ban"), "CSV"
            ),
        ],
    )
    count, modified = _size(subtree_sites(tenant), "updated_at")
    site_set = Dataset(
        name="don-vi",
        title=str(_("Danh sách cổng, trang thông tin điện tử")),
        description=str(
            _("Các đơn vị trong cây cổng thông tin: tên, cấp, địa chỉ, tên miền, liên hệ.")
        ),
        frequency="IRREG",
        keywords=(str(_("Đơn vị hành chính")),),
        requirement="A5",
        landing_page=links.page("content:site_map"),
        count=count,
        modified=modified,
        distributions=[
            Distribution(str(_("Danh sách (API JSON)")), links.api("sites"), "JSON"),
            Distribution(
                str(_("Danh sách (CSV)")), links.page("opendata:download", name="don-vi"), "CSV"
            ),
        ],
    )
    return [budget, statistics, procedure_set, document_set, site_set]


def subtree_sites(tenant: Tenant) -> QuerySet[Tenant]:
    return Tenant.objects.filter(tenant.subtree_q(), is_active=True)


def find(tenant: Tenant, base: str, name: str) -> Dataset | None:
    return next((d for d in datasets(tenant, base) if d.name == name), None)
