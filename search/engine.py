"""The read side: a page of results in order of how well they match, every match reachable.

Order: items with every word typed with diacritics spelled exactly so (in the title or
the text) first, then the others; within each, the title holding the whole phrase,
then every word, then the rest; newest first inside each of these tiers. Each tier is
a predicate the GIN indexes answer (`vector` holds folded and exact words; `rank_vector`
is the title), so a tier is found newest-first with a LIMIT and later tiers are only
read when earlier ones run out: page 1 of a word found in most documents reads about
20 rows, and an old exact match is never cut off by newer folded ones.
The count is real up to COUNT_CAP, then an honest "more than COUNT_CAP"; every item up
to that bound is on some page. Snippets are cut in Python around the first match of a
bounded excerpt (spelling.py), not by ts_headline over whole bodies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection
from django.utils import timezone

from .query import ParsedQuery
from .spelling import Highlighter, same_spelling
from .text import fold

COUNT_CAP = 1000
PAGE_SIZE = 20
MAX_PAGE = COUNT_CAP // PAGE_SIZE
SCOPE_TOKENS = 64  # a scope of at most this many sites is also narrowed inside GIN
EXCERPT = 4000  # characters of the body a snippet is looked for in
START, STOP = "\ue000", "\ue001"  # highlight markers; clean() strips them from stored text


@dataclass(frozen=True)
class Scope:
    """Where to search: a whole province tree, or a list of tenants (a site's subtree,
    read from the live tree), optionally narrowed to one publishing unit."""

    tree_id: int
    tenant_ids: tuple[int, ...] | None = None  # None: the whole tree
    unit_id: int | None = None

    @property
    def tokens(self) -> str:
        """The sites as vector tokens ('tn12 | tn13'): GIN then reads only their rows."""
        ids = (self.unit_id,) if self.unit_id is not None else self.tenant_ids or ()
        return " | ".join(f"tn{pk}" for pk in ids) if 0 < len(ids) <= SCOPE_TOKENS else ""

    def sql(self, alias: str = "e") -> tuple[str, list]:
        if self.unit_id is not None:
            return f"{alias}.tree_id = %s AND {alias}.tenant_id = %s", [self.tree_id, self.unit_id]
        if self.tenant_ids is None:
            return f"{alias}.tree_id = %s", [self.tree_id]
        if len(self.tenant_ids) == 1:
            return f"{alias}.tree_id = %s AND {alias}.tenant_id = %s", [
                self.tree_id,
                self.tenant_ids[0],
            ]
        return f"{alias}.tree_id = %s AND {alias}.tenant_id = ANY(%s)", [
            self.tree_id,
            list(self.tenant_ids),
        ]

    @property
    def is_wide(self) -> bool:
        """Several sites: an item indexed on each (a procedure) is shown once."""
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
    total: int  # distinct items, counted up to COUNT_CAP
    page: int
    capped: bool = False  # more than COUNT_CAP items match

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def _match_sql(query: ParsedQuery) -> tuple[str, list]:
    """Folded words (i/y spellings made one) and document numbers, all required."""
    parts, params = [], []
    if query.words:
        parts.append("websearch_to_tsquery('search_vn', %s)")
        params.append(same_spelling(query.words))
    if query.refs:
        parts.append("to_tsquery('simple', %s)")
        params.append(" & ".join(query.refs))  # tokens are [a-z0-9]+ only
    return "(" + " && ".join(parts) + ")", params


@dataclass(frozen=True)
class Tier:
    """Rows whose `vector` matches `found` (a tsquery the GIN index answers alone) and
    whose title vector passes `title` (inline, small: no large value is read)."""

    found: str
    found_params: list
    title: str
    title_params: list


def tiers(query: ParsedQuery) -> list[Tier]:
    """The tiers, best first; together they cover every match once."""
    match, params = _match_sql(query)
    exact = same_spelling(query.exact_words)
    if exact:
        found = [
            (f"({match} && plainto_tsquery('simple', %s))", [*params, exact]),
            (f"({match} && !!plainto_tsquery('simple', %s))", [*params, exact]),
        ]
    else:
        found = [(match, params)]
    in_title = f"e.rank_vector @@ {match}"
    if query.phrase:
        phrase, phrase_params = "phraseto_tsquery('search_vn', %s)", [same_spelling(query.phrase)]
        titles = [
            (f"e.rank_vector @@ {phrase}", phrase_params),
            (f"{in_title} AND NOT e.rank_vector @@ {phrase}", [*params, *phrase_params]),
            (f"NOT {in_title}", params),
        ]
    else:
        titles = [(in_title, params), (f"NOT {in_title}", params)]
    return [Tier(f, fp, t, tp) for f, fp in found for t, tp in titles]


def _where(scope: Scope, language: str, filters: Filters) -> tuple[str, list]:
    scope_sql, scope_params = scope.sql()
    where, params = ["e.language = %s", scope_sql], [language, *scope_params]
    if filters.kind:
        where.append("e.kind = %s")
        params.append(filters.kind)
    if filters.year:
        where.append("e.year = %s")
        params.append(filters.year)
    if scope.is_wide:
        # One item shown once: a procedure implemented by every commune has a row per
        # commune; the row of the unit first in the tree (an ancestor before its
        # descendants) stands for all. Only rows flagged `shared` pay for the check.
        other, other_params = scope.sql("o")
        where.append(
            f"""(NOT e.shared OR NOT EXISTS (
                SELECT 1 FROM search_searchentry o JOIN tenants_tenant ot ON ot.id = o.tenant_id
                WHERE o.model_label = e.model_label AND o.object_id = e.object_id
                  AND o.language = e.language AND {other}
                  AND (ot.lft, o.id)
                      < ((SELECT lft FROM tenants_tenant WHERE id = e.tenant_id), e.id)
            ))"""  # noqa: S608 - fixed fragments only
        )
        params.extend(other_params)
    return " AND ".join(where), params


def search(
    query: ParsedQuery, scope: Scope, language: str, filters: Filters, page: int = 1
) -> ResultPage:
    if query.is_empty or connection.vendor != "postgresql":  # the SQLite demo has no index
        return ResultPage([], 0, 1)
    page = min(max(page, 1), MAX_PAGE)
    where, where_params = _where(scope, language, filters)
    narrow = [scope.tokens] if scope.tokens else []
    with connection.cursor() as cursor:
        if scope.is_wide and not filters.year:
            # A word found in most documents: the last 3 months alone often settle the
            # page (the best tier has enough rows there: older ones cannot come first)
            # and the count (more than COUNT_CAP there) in one index scan.
            window = [month_window(timezone.localdate(), 3)]
            # Every word typed with diacritics: the exact rows are the best tiers, and
            # scanning them alone (not the folded words as well) is one scan, not two.
            exact_only = query.only_exact_words
            total, ids, best = _few(
                cursor, query, where, where_params, narrow + window, page, exact_only
            )
            if best >= page * PAGE_SIZE:  # the page is settled; the count may not be
                if total <= COUNT_CAP:
                    total = _count(cursor, query, where, where_params, narrow)
                capped = total > COUNT_CAP
                return ResultPage(_hits(ids, query, language), min(total, COUNT_CAP), page, capped)
            if total > COUNT_CAP:  # more than the cap in 3 months alone: so in all
                ids = _many(cursor, query, where, where_params, scope, filters, page)
                return ResultPage(_hits(ids, query, language), COUNT_CAP, page, True)
        total, ids, _best = _few(cursor, query, where, where_params, narrow, page)
        capped = total > COUNT_CAP
        if capped:
            ids = _many(cursor, query, where, where_params, scope, filters, page)
        elif total and not ids:  # beyond the last page: the last one
            page = -(-total // PAGE_SIZE)
            total, ids, _best = _few(cursor, query, where, where_params, narrow, page)
    return ResultPage(_hits(ids, query, language), min(total, COUNT_CAP), page, capped)


def _count(cursor, query, where, where_params, narrow) -> int:
    """Matches up to COUNT_CAP + 1 (no order: the scan stops there)."""
    match, match_params = _match_sql(query)
    found, found_params = _scan(match, match_params, narrow)
    cursor.execute(
        f"""SELECT count(*) FROM (SELECT 1 FROM search_searchentry e
            WHERE {where} AND {found} LIMIT {COUNT_CAP + 1}) s""",  # noqa: S608
        [*where_params, *found_params],
    )
    return cursor.fetchone()[0]


def _scan(match: str, params: list, narrow: list[str]) -> tuple[str, list]:
    tokens = "".join(" && to_tsquery('simple', %s)" for _t in narrow)
    return f"e.vector @@ ({match}{tokens})", [*params, *narrow]


def _few(
    cursor, query, where, where_params, narrow, page, exact_only: bool = False
) -> tuple[int, list[int], int]:
    """Up to COUNT_CAP matches: read them all (narrow columns) in one index scan, rank
    them in SQL. Returns the count (up to COUNT_CAP + 1), the ids of the page (none if
    more) and how many rows are in the best tier a row can have. `exact_only`: read
    only the rows with the exact words (the best tiers; a partial answer)."""
    match, match_params = _match_sql(query)
    exact = same_spelling(query.exact_words)
    if exact_only:
        found, found_params = _scan("plainto_tsquery('simple', %s)", [exact], narrow)
        exact = ""  # every row read is exact
    else:
        found, found_params = _scan(match, match_params, narrow)
    title = f"m.rank_vector @@ {match}"
    rank, rank_params, best = f"CASE WHEN {title} THEN 1 ELSE 2 END", list(match_params), 1
    if query.phrase:
        phrase = "phraseto_tsquery('search_vn', %s)"
        rank = f"CASE WHEN m.rank_vector @@ {phrase} THEN 0 WHEN {title} THEN 1 ELSE 2 END"
        rank_params, best = [same_spelling(query.phrase), *match_params], 0
    exact_cte, exact_params = "", []
    if exact:
        # Rows with the typed diacritics (joined to m): a second scan, of the exact words
        # alone when they say everything (each implies its folded form).
        exact_query, exact_params = (
            f"({match} && plainto_tsquery('simple', %s))",
            [
                *match_params,
                exact,
            ],
        )
        if query.only_exact_words:
            exact_query, exact_params = "plainto_tsquery('simple', %s)", [exact]
        exact_scan, exact_params = _scan(exact_query, exact_params, narrow)
        exact_cte = f""", x AS MATERIALIZED (
            SELECT e.id FROM search_searchentry e
            WHERE {where} AND {exact_scan} LIMIT {COUNT_CAP + 1})"""  # noqa: S608
        exact_params = [*where_params, *exact_params]
        rank = f"(CASE WHEN m.id IN (SELECT id FROM x) THEN 0 ELSE 3 END) + {rank}"  # noqa: S608
    cursor.execute(
        f"""WITH m AS MATERIALIZED (
                SELECT e.id, e.published_at, e.rank_vector FROM search_searchentry e
                WHERE {where} AND {found} LIMIT {COUNT_CAP + 1}
            ){exact_cte},
            k AS MATERIALIZED (SELECT m.id, m.published_at, {rank} AS tier FROM m),
            n AS (SELECT count(*) AS total, count(*) FILTER (WHERE tier = %s) AS best FROM k),
            r AS (
                SELECT k.* FROM k
                ORDER BY k.tier, k.published_at DESC NULLS LAST, k.id DESC
                LIMIT {PAGE_SIZE} OFFSET %s
            )
            SELECT n.total, n.best, r.id FROM n LEFT JOIN r ON true
            ORDER BY r.tier, r.published_at DESC NULLS LAST, r.id DESC""",  # noqa: S608
        [*where_params, *found_params, *exact_params, *rank_params, best, (page - 1) * PAGE_SIZE],
    )
    rows = cursor.fetchall()
    total, in_best = rows[0][0], rows[0][1]
    ids = [pk for _total, _best, pk in rows if pk is not None]
    return total, ids if total <= COUNT_CAP else ids, in_best


def _many(cursor, query, where, where_params, scope, filters, page) -> list[int]:
    """More than COUNT_CAP matches: tier by tier, the newest of each, in the recent
    months first (month tokens in the vector: GIN reads only their rows; the answer is
    the full one whenever a window holds what is wanted)."""
    windows = [""]
    if scope.is_wide and not filters.year:
        today = timezone.localdate()
        windows = [month_window(today, 3), ""]  # a miss rescans: go straight to all
    ids: list[int] = []
    for tier in tiers(query):
        wanted = page * PAGE_SIZE - len(ids)
        if wanted <= 0:
            break
        for window in windows:
            narrow = [t for t in (window, scope.tokens) if t]
            found, found_params = _scan(tier.found, tier.found_params, narrow)
            cursor.execute(
                f"""SELECT e.id FROM search_searchentry e
                    WHERE {where} AND {found} AND {tier.title}
                    ORDER BY e.published_at DESC NULLS LAST, e.id DESC LIMIT %s""",  # noqa: S608
                [*where_params, *found_params, *tier.title_params, wanted],
            )
            found_ids = [pk for (pk,) in cursor.fetchall()]
            if len(found_ids) == wanted or not window:
                ids += found_ids
                break
    return ids[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]


def month_window(today: date, months: int) -> str:
    """'ym202611 | ym202610 | …' for the last `months` months, this one included."""
    tokens, year, month = [], today.year, today.month
    for _ in range(months):
        tokens.append(f"ym{year}{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return " | ".join(tokens)


def _hits(ids: list[int], query: ParsedQuery, language: str) -> list[Hit]:
    if not ids:
        return []
    name = "COALESCE(NULLIF(t.name_en, ''), t.name)" if language == "en" else "t.name"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT e.id, e.kind, e.title, left(e.text, {EXCERPT}), e.url, e.published_at,
                       e.tenant_id, {name}, d.hostname
                FROM unnest(%s::bigint[]) WITH ORDINALITY AS i(id, n)
                JOIN search_searchentry e ON e.id = i.id
                JOIN tenants_tenant t ON t.id = e.tenant_id
                LEFT JOIN tenants_domain d ON d.tenant_id = e.tenant_id AND d.is_primary
                ORDER BY i.n""",  # noqa: S608 - only fixed fragments are interpolated
            [ids],
        )
        rows = cursor.fetchall()
    marker = Highlighter(query.positive.split(), START, STOP)
    return [
        Hit(pk, kind, marker.mark(title), marker.snippet(text), url, when, tenant, unit, host)
        for pk, kind, title, text, url, when, tenant, unit, host in rows
    ]


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
