"""The engine's cost controls: bounded candidates, recent-first stages, same answers."""

from datetime import date, timedelta

from django.utils import timezone

from search import engine
from search.indexing import _row, replace_entries, store_rows
from search.query import parse
from search.registry import IndexEntry


def test_month_windows_cross_the_new_year():
    assert engine.month_window(date(2026, 2, 10), 3) == "ym202602 | ym202601 | ym202512"


def _fill(tenant, count, days_ago, word):
    when = timezone.now() - timedelta(days=days_ago)
    # One object per row: the engine shows each object once.
    entries = [
        IndexEntry(tenant.pk, "vi", f"{word} số {n}", "", f"/t/{n}/", when) for n in range(count)
    ]
    store_rows(
        [_row("bench.test", f"{word}-{days_ago}-{n}", "article", e) for n, e in enumerate(entries)]
    )


def test_a_common_word_is_answered_from_recent_months_with_a_bounded_count(province, commune):
    _fill(commune, engine.CANDIDATES + 20, 3, "Thời tiết")
    _fill(commune, 5, 4000, "Thời tiết cũ")
    scope = engine.Scope(province.tree_id)
    result = engine.search(parse("thoi tiet"), scope, "vi", engine.Filters())
    assert result.total == engine.CANDIDATES and result.capped
    assert result.pages == engine.MAX_PAGE
    last = engine.search(parse("thoi tiet"), scope, "vi", engine.Filters(), page=10**6)
    assert last.page == engine.MAX_PAGE and len(last.hits) == engine.PAGE_SIZE


def test_a_rarer_word_falls_back_to_every_year(province, commune):
    _fill(commune, 3, 3, "Mưa đá")
    _fill(commune, 4, 4000, "Mưa đá năm xưa")
    scope = engine.Scope(province.tree_id)
    assert engine.search(parse("mua da"), scope, "vi", engine.Filters()).total == 7


def test_a_word_common_a_year_ago_is_found_through_a_wider_window(province, commune):
    _fill(commune, 40, 3, "Lúa xuân")
    _fill(commune, engine.CANDIDATES, 200, "Lúa xuân năm trước")
    _fill(commune, 10, 4000, "Lúa xuân xưa")
    scope = engine.Scope(province.tree_id)
    result = engine.search(parse("lua xuan"), scope, "vi", engine.Filters())
    assert result.total == engine.CANDIDATES
    assert all("xưa" not in hit.title for hit in result.hits)  # the newest come first


def test_an_item_of_several_sites_is_shown_once_from_the_highest_unit(
    province, commune, other_commune
):
    # A procedure is indexed once per implementing site; a wide scope lists it once,
    # from the unit first in the tree (an ancestor before its descendants).
    when = timezone.now() - timedelta(days=2)
    rows = [
        ("procedure", IndexEntry(t.pk, "vi", "Đăng ký khai sinh", "", "/thu-tuc/1/", when))
        for t in (commune, other_commune, province)
    ]
    replace_entries("bench.test", "khai-sinh", rows)
    wide = engine.search(parse("khai sinh"), engine.Scope(province.tree_id), "vi", engine.Filters())
    assert (wide.total, [h.tenant_id for h in wide.hits]) == (1, [province.pk])
    own = engine.Scope(commune.tree_id, (commune.pk,))
    assert [
        h.tenant_id for h in engine.search(parse("khai sinh"), own, "vi", engine.Filters()).hits
    ] == [commune.pk]
