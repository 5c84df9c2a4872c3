"""The read side: one SQL statement for a page of ranked results with snippets.

Cost control: matching rows are taken newest first up to CANDIDATES (PostgreSQL picks
the GIN index for rare words and the (scope, date) index for common ones), ranked
among themselves, and paged. Counting stops at CANDIDATES, so every page, the 1st or
the 50th, costs about the same and a common word costs about what a rare one does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from .models import SearchEntry
from .query import ParsedQuery
from .text import fold

CANDIDATES = 1000
PAGE_SIZE = 20
MAX_PAGE = CANDIDATES // PAGE_SIZE
START, STOP = "\ue000", "\ue001"  # highlight markers; clean() strips them from stored text
HEADLINE = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=20, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
TITLE_HEADLINE = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"


@dataclass(frozen=True)
class Scope:
    """Either one site's subtree (tree_id, lft, rght) or a whole province (tree_id only)."""

    tree_id: int
    lft: int | None = None
    rght: int | None = None
    unit_id: int | None = None  # the "publishing unit" filter, inside the scope

    def sql(self) -> tuple[str, list]:
        if self.lft is None:
            inner, params = "tree_id = %s", [self.tree_id]
        else:
            inner, params = (
                "tree_id = %s AND lft >= %s AND rght <= %s",
                [
                    self.tree_id,
                    self.lft,
                    self.rght,
                ],
            )
        sql = f"e.tenant_id = ANY(ARRAY(SELECT id FROM tenants_tenant WHERE {inner}))"  # noqa: S608
        if self.unit_id is not None:
            sql += " AND e.tenant_id = %s"
            params.append(self.unit_id)
        return sql, params


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    year: int | None = None


@dataclass
class Hit:
    id: int
    kind: str
    title: str  # with highlight markers
    snippet: str  # with highlight markers
    url: str
    published_at: datetime | None
    tenant_id: int
    unit_name: str
    hostname: str | None


@dataclass
class ResultPage:
    hits: list[Hit]
    total: int  # capped at CANDIDATES
    page: int

    @property
    def capped(self) -> bool:
        return self.total >= CANDIDATES

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def _match_sql(query: ParsedQuery) -> tuple[str, list]:
    parts, params = [], []
    if query.words:
        parts.append("websearch_to_tsquery('search_vn', %s)")
        params.append(query.words)
    if query.refs:
        parts.append("to_tsquery('simple', %s)")
        params.append(" & ".join(query.refs))  # tokens are [a-z0-9]+ only
    return "(" + " && ".join(parts) + ")", params


def _rank_sql(query: ParsedQuery, match: str, match_params: list) -> tuple[str, list]:
    sql, params = f"ts_rank(c.vector, {match})", list(match_params)
    if query.exact:
        # The unfolded copy (weights B/D) only matches words spelled as typed.
        sql += " + 2 * ts_rank(c.vector, websearch_to_tsquery('simple', lower(%s)))"
        params.append(query.words)
    if query.phrase:
        sql += " + ts_rank_cd(c.vector, phraseto_tsquery('search_vn', %s))"
        params.append(query.phrase)
        if query.exact:
            sql += " + ts_rank_cd(c.vector, phraseto_tsquery('simple', lower(%s)))"
            params.append(query.phrase)
    return sql, params


def search(
    query: ParsedQuery, scope: Scope, language: str, filters: Filters, page: int = 1
) -> ResultPage:
    if query.is_empty:
        return ResultPage([], 0, 1)
    page = min(max(page, 1), MAX_PAGE)
    match, match_params = _match_sql(query)
    scope_sql, scope_params = scope.sql()
    where, where_params = [scope_sql], list(scope_params)
    if filters.kind:
        where.append("e.kind = %s")
        where_params.append(filters.kind)
    if filters.year:
        where.append("e.year = %s")
        where_params.append(filters.year)
    rank, rank_params = _rank_sql(query, match, match_params)
    name = "COALESCE(NULLIF(t.name_en, ''), t.name)" if language == "en" else "t.name"
    sql = f"""
        WITH c AS MATERIALIZED (
            SELECT e.id, e.vector, e.published_at FROM search_searchentry e
            WHERE e.language = %s AND {" AND ".join(where)} AND e.vector @@ {match}
            ORDER BY e.published_at DESC NULLS LAST LIMIT {CANDIDATES}
        ),
        n AS (SELECT count(*) AS total FROM c),
        r AS (
            SELECT c.id, c.published_at, {rank} AS rank FROM c
            ORDER BY rank DESC, c.published_at DESC NULLS LAST, c.id
            LIMIT {PAGE_SIZE} OFFSET %s
        )
        SELECT n.total, e.id, e.kind,
               ts_headline('search_vn', e.title, {match}, %s),
               ts_headline('search_vn', left(e.text, 4000), {match}, %s),
               e.url, e.published_at, e.tenant_id, {name}, d.hostname
        FROM n
        LEFT JOIN r ON true
        LEFT JOIN search_searchentry e ON e.id = r.id
        LEFT JOIN tenants_tenant t ON t.id = e.tenant_id
        LEFT JOIN tenants_domain d ON d.tenant_id = e.tenant_id AND d.is_primary
        ORDER BY r.rank DESC, r.published_at DESC NULLS LAST, r.id
    """  # noqa: S608 - only fixed fragments are interpolated; user text goes in params
    params = [
        language,
        *where_params,
        *match_params,
        *rank_params,
        (page - 1) * PAGE_SIZE,
        *match_params,
        TITLE_HEADLINE,
        *match_params,
        HEADLINE,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = rows[0][0] if rows else 0
    hits = [
        Hit(row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9])
        for row in rows
        if row[1] is not None
    ]
    if not hits and total and page > 1:
        return search(query, scope, language, filters, page=-(-total // PAGE_SIZE))
    return ResultPage(hits, total, page)


def suggestions(raw: str, scope: Scope, language: str, limit: int = 5) -> list[SearchEntry]:
    """Indexed titles close to what was typed (pg_trgm word similarity), for "did you mean"."""
    folded = fold(raw)[:100]
    if len(folded.strip()) < 3:
        return []
    scope_sql, scope_params = scope.sql()
    return list(
        SearchEntry.objects.raw(
            f"""SELECT e.id, e.title, e.url, e.tenant_id, e.kind, d.hostname
                FROM search_searchentry e
                LEFT JOIN tenants_domain d ON d.tenant_id = e.tenant_id AND d.is_primary
                WHERE e.language = %s AND {scope_sql} AND %s <%% e.title_folded
                ORDER BY word_similarity(%s, e.title_folded) DESC, e.published_at DESC
                LIMIT %s""",  # noqa: S608
            [language, *scope_params, folded, folded, limit],
        )
    )
