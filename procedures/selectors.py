"""Read side of the catalogue: filters, facet counts (cached per sync) and keyset pages."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language

from portal.languages import is_english
from portal.local_cache import versioned_cache
from tenants.models import Tenant
from tenants.text import fold_vietnamese

from .models import Field, Level, OnlineLevel, Procedure
from .sync import catalogue_version

PAGE_SIZE = 20
_PARAMS = ("q", "linh_vuc", "co_quan", "cap", "truc_tuyen")
MAX_QUERY_WORDS = 8


@dataclass(frozen=True)
class Filters:
    """The catalogue's filters, parsed from the query string; bad values are ignored."""

    q: str = ""
    field: int | None = None
    agency: str = ""
    level: str = ""
    online: str = ""

    @classmethod
    def from_query(cls, params) -> Filters:
        params = {k: params.get(k, "").replace("\x00", "") for k in _PARAMS}
        field_id = params.get("linh_vuc", "")
        level = params.get("cap", "")
        online = params.get("truc_tuyen", "")
        return cls(
            q=" ".join(params.get("q", "").split())[:200],
            field=int(field_id) if field_id.isdigit() and len(field_id) < 12 else None,
            agency=params.get("co_quan", "")[:255],
            level=level if level in Level.values else "",
            online=online if online in (OnlineLevel.FULL, OnlineLevel.PARTIAL) else "",
        )

    @property
    def words(self) -> list[str]:
        return fold_vietnamese(self.q).lower().split()[:MAX_QUERY_WORDS]

    @property
    def active(self) -> bool:
        return bool(self.q or self.field or self.agency or self.level or self.online)

    def as_params(self, **override) -> dict[str, str]:
        values = {
            "q": self.q,
            "linh_vuc": self.field or "",
            "co_quan": self.agency,
            "cap": self.level,
            "truc_tuyen": self.online,
        }
        values.update(override)
        return {k: str(v) for k, v in values.items() if v}


def catalogue(tenant: Tenant) -> QuerySet[Procedure]:
    """Active procedures implemented on this site or below it, as the public sees them."""
    return Procedure.objects.active().implemented_in(tenant).in_language("name")


def apply_filters(queryset: QuerySet[Procedure], filters: Filters, *, skip: str = "") -> QuerySet:
    for word in filters.words:
        queryset = queryset.filter(search_text__contains=word)
    if filters.field and skip != "field":
        queryset = queryset.filter(field_id=filters.field)
    if filters.agency and skip != "agency":
        queryset = queryset.filter(agency_slug=filters.agency)
    if filters.level and skip != "level":
        queryset = queryset.filter(level=filters.level)
    if filters.online and skip != "online":
        queryset = queryset.filter(online_level=filters.online)
    return queryset


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facets:
    total: int
    fields: list[FacetValue] = field(default_factory=list)
    agencies: list[FacetValue] = field(default_factory=list)
    levels: list[FacetValue] = field(default_factory=list)
    online: list[FacetValue] = field(default_factory=list)


def filters_key(tenant: Tenant, filters: Filters) -> str:
    """What the facet counts, and the HTML of the form and facet lists, depend on: the
    site, the language, the catalogue version (a sync bumps it) and the filters."""
    digest = hashlib.sha256(repr(filters).encode()).hexdigest()[:20]
    return f"v{catalogue_version()}:{tenant.pk}:{get_language()}:{digest}"


def results_key(filters_key: str, result: Page) -> str:
    """The list of one page: the filters' key plus the rows shown and the cursors."""
    rows = ",".join(str(p.pk) for p in result.items)
    raw = f"{rows}|{result.next_cursor}|{result.previous_cursor}|{result.is_first}"
    return f"{filters_key}:{hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()}"


def facets(tenant: Tenant, filters: Filters, key: str = "") -> Facets:
    """Counts per field, agency, level and online level; each facet ignores its own filter.

    Five aggregate queries on a miss, cached until the next sync changes the catalogue.
    """
    key = f"procedures:facets:{key or filters_key(tenant, filters)}"
    cached = versioned_cache.get(key)
    if cached is not None:
        return cached
    base = catalogue(tenant).order_by()  # no default ordering in GROUP BY
    by_field = (
        apply_filters(base, filters, skip="field")
        .values("field_id", "field__name_vi", "field__name_en")
        .annotate(n=Count("pk"))
    )
    english = is_english()
    fields = sorted(
        (
            FacetValue(
                str(row["field_id"]),
                (
                    row["field__name_en"]
                    if english and row["field__name_en"]
                    else row["field__name_vi"]
                ),
                row["n"],
                row["field_id"] == filters.field,
            )
            for row in by_field
        ),
        key=lambda f: fold_vietnamese(f.label).lower(),
    )
    agencies = sorted(
        (
            FacetValue(
                row["agency_slug"],
                row["agency_name"],
                row["n"],
                row["agency_slug"] == filters.agency,
            )
            for row in apply_filters(base, filters, skip="agency")
            .values("agency_slug", "agency_name")
            .annotate(n=Count("pk"))
        ),
        key=lambda f: fold_vietnamese(f.label).lower(),
    )
    level_counts = dict(
        apply_filters(base, filters, skip="level").values_list("level").annotate(n=Count("pk"))
    )
    online_counts = dict(
        apply_filters(base, filters, skip="online")
        .values_list("online_level")
        .annotate(n=Count("pk"))
    )
    result = Facets(
        total=apply_filters(base, filters).count(),
        fields=fields,
        agencies=_merge_agencies(agencies),
        levels=[
            FacetValue(v, str(label), level_counts[v], v == filters.level)
            for v, label in Level.choices
            if level_counts.get(v)
        ],
        online=[
            FacetValue(v, str(label), online_counts.get(v, 0), v == filters.online)
            for v, label in OnlineLevel.choices
            if v != OnlineLevel.NONE
        ],
    )
    versioned_cache.set(key, result, 3600)
    return result


def _merge_agencies(values: list[FacetValue]) -> list[FacetValue]:
    """Two spellings of one agency fold to one slug: count them together."""
    merged: dict[str, FacetValue] = {}
    for v in values:
        if v.value in merged:
            m = merged[v.value]
            merged[v.value] = FacetValue(m.value, m.label, m.count + v.count, m.selected)
        else:
            merged[v.value] = v
    return list(merged.values())


@dataclass
class Page:
    items: list[Procedure]
    next_cursor: int | None
    previous_cursor: int | None
    is_first: bool


def page(
    queryset: QuerySet[Procedure], *, after: int | None = None, before: int | None = None
) -> Page:
    """Keyset pagination on (sort_name, id): a deep page costs what page 1 costs.

    `after`/`before` is the id of the last/first item of the page the reader came from.
    """
    queryset = queryset.select_related("field", "agency_tenant").only(
        "code", "name_vi", "name_en", "sort_name", "level", "online_level", "agency_name",
        "field__name_vi", "field__name_en", "agency_tenant__name_vi", "agency_tenant__name_en",
    )  # fmt: skip
    anchor_id = after or before
    anchor = (
        Procedure.objects.filter(pk=anchor_id).values_list("sort_name", flat=True).first()
        if anchor_id
        else None
    )
    if anchor is not None and after:
        rows = list(
            queryset.filter(Q(sort_name__gt=anchor) | Q(sort_name=anchor, pk__gt=after)).order_by(
                "sort_name", "pk"
            )[: PAGE_SIZE + 1]
        )
        has_more, items = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
        return Page(
            items, items[-1].pk if has_more else None, items[0].pk if items else None, False
        )
    if anchor is not None and before:
        rows = list(
            queryset.filter(Q(sort_name__lt=anchor) | Q(sort_name=anchor, pk__lt=before)).order_by(
                "-sort_name", "-pk"
            )[: PAGE_SIZE + 1]
        )
        has_previous, items = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE][::-1]
        return Page(
            items,
            items[-1].pk if items else None,
            items[0].pk if has_previous else None,
            not has_previous,
        )
    rows = list(queryset.order_by("sort_name", "pk")[: PAGE_SIZE + 1])
    items = rows[:PAGE_SIZE]
    return Page(items, items[-1].pk if len(rows) > PAGE_SIZE else None, None, True)


def procedure_for_page(tenant: Tenant, code: str) -> Procedure | None:
    """The procedure with this code as this site shows it (withdrawn ones too, for the notice)."""
    return (
        Procedure.objects.implemented_in(tenant)
        .filter(code=code)
        .select_related("field", "agency_tenant")
        .prefetch_related("dossier")
        .order_by("status", "source_id")
        .first()
    )


def field_choices(tenant: Tenant) -> QuerySet[Field]:
    return Field.objects.filter(procedures__in=catalogue(tenant)).distinct()
