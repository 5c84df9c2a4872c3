"""Several read-only querysets in one SQL statement: one round trip instead of one each.

`fetch_together({"menu": categories, "notices": notices.values(...)})` sends

    SELECT (SELECT json_agg(json_build_array(c0, c1, …)) FROM (<menu's SQL>) AS t(c0, c1, …)),
           (SELECT json_agg(…) FROM (<notices' SQL>) AS t(…))

and gives each queryset's rows back as iterating it would: model instances (with their
annotations) for a model queryset, dicts for a `values()` one. Each queryset keeps its own
filters and parameters (its scoping to a site stays in its SQL). Values come back through
JSON and are turned back into what the database driver gives (dates, decimals, UUIDs)
before Django's own converters run.

Limits: no `select_related`, `prefetch_related`, `values_list`, nor `values("title")` of
a translated field (ask for `title_vi`, `title_en`) — a ValueError says so. All parts are
read from one database: the one a part names (`using`), else the router's choice for the
first part. The order of rows within a part is the one PostgreSQL keeps for an aggregate
over a sorted subquery, which SQL does not promise: a caller that needs an order sorts
again.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesIterable
from django.utils.dateparse import parse_date, parse_datetime, parse_duration, parse_time
from modeltranslation.manager import FallbackValuesIterable


def fetch_together(querysets: dict[str, QuerySet]) -> dict[str, list[Any]]:
    """Each queryset's rows, all read with one query (none when every part is empty)."""
    found: dict[str, list[Any]] = {name: [] for name in querysets}
    parts = []
    if not querysets:
        return found
    # One database: the one a part names (`using`), else the router's choice for the
    # first part (a router may spread reads over replicas at random).
    named = {qs._db for qs in querysets.values() if qs._db}
    if len(named) > 1:
        raise ValueError(f"fetch_together reads one database, not {sorted(named)}")
    db = named.pop() if named else next(iter(querysets.values())).db
    for name, queryset in querysets.items():
        _check(name, queryset)
        compiler = queryset.query.get_compiler(using=db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            continue  # `pk__in=[]` and the like: no rows, no SQL
        columns = ", ".join(f"c{i}" for i in range(compiler.col_count))
        # Django's compiled SQL, its values left as parameters; the rest is fixed text.
        part = f"(SELECT json_agg(json_build_array({columns})) FROM ({sql}) AS t({columns}))"  # noqa: S608
        parts.append((name, queryset, compiler, part, params))
    if not parts:
        return found
    with connections[db].cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(part for *_, part, _params in parts),
            [param for *_, params in parts for param in params],
        )
        values = cursor.fetchone()
    for (name, queryset, compiler, _part, _params), value in zip(parts, values, strict=True):
        if isinstance(value, str | bytes):
            value = json.loads(value)
        found[name] = _rows(queryset, compiler, value or [], db)
    return found


def _check(name: str, queryset: QuerySet) -> None:
    iterable = queryset._iterable_class
    # modeltranslation's values() iterable only differs when it falls back between
    # languages: ask for `title_vi`, `title_en` instead of `title`.
    if iterable not in (ModelIterable, ValuesIterable) and not (
        iterable is FallbackValuesIterable and not queryset.translation_fields
    ):
        raise ValueError(f"{name}: only model and values() querysets, no translated names")
    if queryset.query.select_related or queryset._prefetch_related_lookups:
        raise ValueError(f"{name}: select_related/prefetch_related are not supported")


def _rows(queryset: QuerySet, compiler, raw: list[list[Any]], db: str) -> list[Any]:
    select = compiler.select
    fields = [column[0].output_field for column in select]
    native = [
        [_from_json(value, field) for value, field in zip(row, fields, strict=False)] for row in raw
    ]
    rows = list(compiler.results_iter([native]))  # Django's own converters
    query = queryset.query
    if issubclass(queryset._iterable_class, ValuesIterable):
        names = (
            list(query.selected)
            if query.selected
            else [
                *query.extra_select,
                *query.values_select,
                *query.annotation_select,
            ]
        )
        return [dict(zip(names, row, strict=False)) for row in rows]
    # As ModelIterable builds its instances.
    klass_info, annotations = compiler.klass_info, compiler.annotation_col_map
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    init_list = [column[0].target.attname for column in select[start:end]]
    model = klass_info["model"]
    objects = []
    for row in rows:
        obj = model.from_db(db, init_list, row[start:end])
        for attribute, position in (annotations or {}).items():
            setattr(obj, attribute, row[position])
        objects.append(obj)
    return objects


def _from_json(value: Any, field) -> Any:
    """A value as json_build_array wrote it → as psycopg reads the column's type."""
    if value is None:
        return None
    kind = field.get_internal_type()
    if kind in ("ForeignKey", "OneToOneField"):
        return _from_json(value, field.target_field)
    if kind == "DateTimeField":
        return parse_datetime(value)
    if kind == "DateField":
        return parse_date(value)
    if kind == "TimeField":
        return parse_time(value)
    if kind == "DecimalField":
        return Decimal(str(value))
    if kind == "UUIDField":
        return uuid.UUID(value)
    if kind == "DurationField":
        return parse_duration(value)
    if kind == "JSONField":
        return json.dumps(value)  # Django's PostgreSQL backend reads jsonb as text
    if kind == "BinaryField":
        raise ValueError("fetch_together does not read binary columns")
    return value
