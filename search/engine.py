"""The read side: one SQL statement for a page of ranked results with snippets.

Cost control: matching rows are taken newest first up to CANDIDATES (PostgreSQL picks
the GIN index for rare words and the (scope, date) index for common ones), ranked
among themselves, and paged. Counting stops at CANDIDATES, so every page, the 1st or
the 50th, costs about the same and a common word costs about what a rare one does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection
from django.utils import timezone

from .query import ParsedQuery
from .text import fold

CANDIDATES = 500
MAX_WINDOW_MONTHS = 36
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
    """Where to search: a whole province tree, or a list of tenants (a site's subtree,
    read from the live tree), optionally narrowed to one publishing unit."""

    tree_id: int
    tenant_ids: tuple[int, ...] | None = None  # None: the whole tree
    unit_id: int | None = None

    def sql(self) -> tuple[str, list]:
        if self.unit_id is not None:
            return "e.tree_id = %s AND e.tenant_id = %s", [self.tree_id, self.unit_id]
        if self.tenant_ids is None:
            return "e.tree_id = %s", [self.tree_id]
        if len(self.tenant_ids) == 1:
            return "e.tree_id = %s AND e.tenant_id = %s", [self.tree_id, self.tenant_ids[0]]
        return "e.tree_id = %s AND e.tenant_id = ANY(%s)", [self.tree_id, list(self.tenant_ids)]

    @property
    def is_wide(self) -> bool:
        """Many sites: worth the recent-first attempt (one site has few rows)."""
        return self.unit_id is None and (self.tenant_ids is None or len(self.tenant_ids) > 1)


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
    total: int  # distinct items among the candidates
    page: int
    matched: int = -1  # candidate rows before collapsing (capped at CANDIDATES)

    def __post_init__(self) -> None:
        if self.matched < 0:
            self.matched = self.total

    @property
    def capped(self) -> bool:
        return self.matched >= CANDIDATES

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
    """Title words first, then exact diacritics (the unfolded B copy only matches words
    spelled as typed), then the whole phrase in order; ties go to the newest. An item
    whose title holds every word comes before one found through its text (ts_rank
    alone lets a title repeating one word beat a title holding all of them).
    Each tsquery is a scalar subquery: computed once, not once per candidate row."""
    sql = f"(u.rank_vector @@ (SELECT {match}))::int + ts_rank(u.rank_vector, (SELECT {match}))"
    params = [*match_params, *match_params]
    if query.exact:
        sql += " + 2 * ts_rank(u.rank_vector, (SELECT websearch_to_tsquery('simple', lower(%s))))"
        params.append(query.words)
    if query.phrase:
        config = "simple" if query.exact else "search_vn"
        text = "lower(%s)" if query.exact else "%s"
        sql += f" + 2 * ts_rank_cd(u.rank_vector, (SELECT phraseto_tsquery('{config}', {text})))"
        params.append(query.phrase)
    return sql, params


def search(
    query: ParsedQuery, scope: Scope, language: str, filters: Filters, page: int = 1
) -> ResultPage:
    if query.is_empty or connection.vendor != "postgresql":  # the SQLite demo has no index
        return ResultPage([], 0, 1)
    page = min(max(page, 1), MAX_PAGE)
    if scope.is_wide and not filters.year:
        # The newest CANDIDATES matches of a common word are all recent. Months are
        # tokens in the vector (GIN intersects them), so look at the last 3 months;
        # if they hold some matches but not enough, at the months that should, going
        # by that rate; else everything. The answer is the same as a full search
        # whenever a window is full (the newest CANDIDATES matches are inside it).
        today = timezone.localdate()
        found = _search(query, scope, language, filters, page, month_window(today, 3))
        if found.matched >= CANDIDATES:
            return found
        if found.matched:
            months = -(-3 * CANDIDATES * 3 // (2 * found.matched))  # 1.5x the expected need
            if months <= MAX_WINDOW_MONTHS:
                found = _search(query, scope, language, filters, page, month_window(today, months))
                if found.matched >= CANDIDATES:
                    return found
    return _search(query, scope, language, filters, page)


def month_window(today: date, months: int) -> str:
    """'ym202611 | ym202610 | …' for the last `months` months, this one included."""
    tokens, year, month = [], today.year, today.month
    for _ in range(months):
        tokens.append(f"ym{year}{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return " | ".join(tokens)


def _search(
    query: ParsedQuery,
    scope: Scope,
    language: str,
    filters: Filters,
    page: int,
    window: str = "",
) -> ResultPage:
    match, match_params = _match_sql(query)
    filter_match, filter_params = match, match_params
    if window:
        filter_match = f"({match} && to_tsquery('simple', %s))"
        filter_params = [*match_params, window]
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
            SELECT e.id, e.rank_vector, e.published_at, e.model_label, e.object_id, e.tenant_id
            FROM search_searchentry e
            WHERE e.language = %s AND {" AND ".join(where)} AND e.vector @@ {filter_match}
            ORDER BY e.published_at DESC NULLS LAST LIMIT {CANDIDATES}
        ),
        -- One item shown once: a procedure implemented by every commune has a row per
        -- commune; a wide scope keeps the row of the unit first in the tree (an ancestor
        -- before its descendants). A lookup per candidate, not a join: the planner cannot
        -- estimate c and would loop over every tenant for each candidate.
        u AS MATERIALIZED (
            SELECT DISTINCT ON (c.model_label, c.object_id) c.id, c.rank_vector, c.published_at
            FROM c
            ORDER BY c.model_label, c.object_id,
                (SELECT ct.lft FROM tenants_tenant ct WHERE ct.id = c.tenant_id), c.id
        ),
        n AS (SELECT (SELECT count(*) FROM u) AS total, (SELECT count(*) FROM c) AS matched),
        r AS (
            SELECT u.id, u.published_at, {rank} AS rank
            FROM u
            ORDER BY rank DESC, u.published_at DESC NULLS LAST, u.id
            LIMIT {PAGE_SIZE} OFFSET %s
        )
        SELECT n.total, n.matched, e.id, e.kind,
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
        *filter_params,
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
    total, matched = (rows[0][0], rows[0][1]) if rows else (0, 0)
    hits = [Hit(*row[2:]) for row in rows if row[2] is not None]
    if not hits and total and page > 1:
        return _search(query, scope, language, filters, -(-total // PAGE_SIZE), window)
    return ResultPage(hits, total, page, matched)


def correction(query: ParsedQuery) -> str:
    """The typed words with each replaced by the closest indexed title word (pg_trgm on
    the small vocabulary table); "" when nothing would change."""
    words = [w for w in fold(query.words).replace('"', " ").split() if not w.startswith("-")]
    words = [w for w in words if w.isalnum()][:8]
    if not words or connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute(
            # Known words stay; an unknown one takes the closest word of similar length.
            """SELECT q.word, CASE
                   WHEN EXISTS (SELECT 1 FROM search_searchterm k WHERE k.word = q.word)
                   THEN q.word
                   ELSE (SELECT t.word FROM search_searchterm t
                         WHERE t.word %% q.word
                           AND length(t.word) BETWEEN length(q.word) - 2 AND length(q.word) + 2
                         ORDER BY similarity(t.word, q.word) DESC, t.uses DESC, t.word
                         LIMIT 1)
                   END
               FROM unnest(%s::text[]) WITH ORDINALITY AS q(word, n) ORDER BY q.n""",
            [words],
        )
        fixed = [best or word for word, best in cursor.fetchall()]
    return " ".join(fixed) if fixed != words else ""
