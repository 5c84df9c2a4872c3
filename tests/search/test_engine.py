"""The engine: exact spellings first wherever they are, every match reachable, an honest
count, i/y spellings that find each other, items of several sites shown once."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from search import engine
from search.indexing import _row, replace_entries, store_rows
from search.query import parse
from search.registry import IndexEntry
from search.spelling import same_spelling


def _fill(tenant, count, days_ago, title, body=""):
    when = timezone.now() - timedelta(days=days_ago)
    # One object per row: the engine shows each object once.
    entries = [
        IndexEntry(tenant.pk, "vi", f"{title} số {n}", body, f"/t/{n}/", when) for n in range(count)
    ]
    store_rows(
        [_row("bench.test", f"{title}-{days_ago}-{n}", "article", e) for n, e in enumerate(entries)]
    )


def _plain(text):
    return text.replace(engine.START, "").replace(engine.STOP, "")


def _search(scope, q, page=1):
    return engine.search(parse(q), scope, "vi", engine.Filters(), page)


def test_an_older_body_only_exact_match_ranks_above_newer_folded_matches(province, commune):
    _fill(commune, 30, 3, "Văn bản mới", "Ban hành bản kế hoạch.")  # "ban", "bản": folded
    _fill(commune, 1, 3000, "Thông báo cũ", "Họp quanh chiếc bàn tròn của thôn.")
    scope = engine.Scope(province.tree_id)
    found = _search(scope, "bàn")
    assert found.total == 31 and not found.capped
    assert found.hits[0].title == "Thông báo cũ số 0"
    assert "\ue000bàn\ue001" in found.hits[0].snippet
    # Typed without diacritics, the newest come first and the old one is still there.
    plain = _search(scope, "ban")
    assert plain.total == 31 and plain.hits[0].title != "Thông báo cũ số 0"
    assert "Thông báo cũ số 0" in [h.title for h in _search(scope, "ban", page=2).hits]


def test_every_exact_match_is_reachable_before_the_folded_ones(province, commune):
    _fill(commune, 45, 2500, "Cũ", "Bàn giao mặt bằng.")
    _fill(commune, 600, 2, "Mới", "Văn bản hướng dẫn.")
    scope = engine.Scope(province.tree_id)
    pages = [_search(scope, "bàn", page=n) for n in (1, 2, 3)]
    assert pages[0].total == 645 and not pages[0].capped
    shown = [h.title for p in pages for h in p.hits]
    assert all(t.startswith("Cũ") for t in shown[:45])
    assert all(t.startswith("Mới") for t in shown[45:])


def test_the_count_is_real_up_to_the_cap_then_says_more(province, commune):
    _fill(commune, engine.COUNT_CAP + 20, 3, "Thời tiết")
    scope = engine.Scope(province.tree_id)
    result = _search(scope, "thoi tiet")
    assert result.total == engine.COUNT_CAP and result.capped
    assert result.pages == engine.MAX_PAGE
    last = _search(scope, "thoi tiet", page=10**6)
    assert last.page == engine.MAX_PAGE and len(last.hits) == engine.PAGE_SIZE


def test_a_rare_word_is_found_in_every_year(province, commune):
    _fill(commune, 3, 3, "Mưa đá")
    _fill(commune, 4, 4000, "Mưa đá năm xưa")
    assert _search(engine.Scope(province.tree_id), "mua da").total == 7


def test_i_and_y_spellings_find_each_other(province, commune):
    _fill(commune, 1, 5, "Lễ kí kết hợp tác")
    _fill(commune, 1, 6, "Hội đồng quản lý chợ")
    _fill(commune, 1, 7, "Quí I năm nay")
    _fill(commune, 1, 8, "Kĩ thuật trồng lúa")
    scope = engine.Scope(province.tree_id)
    for typed, title in [
        ("ký kết", "Lễ kí kết hợp tác số 0"),
        ("ky ket", "Lễ kí kết hợp tác số 0"),
        ("quản lí", "Hội đồng quản lý chợ số 0"),
        ("quý I", "Quí I năm nay số 0"),
        ("kỹ thuật", "Kĩ thuật trồng lúa số 0"),
    ]:
        hits = _search(scope, typed).hits
        assert [_plain(h.title) for h in hits] == [title], typed
        assert "\ue000" in hits[0].title  # highlighted whatever the spelling


def test_only_a_lone_i_or_y_after_a_consonant_is_one_spelling():
    assert same_spelling("Kỹ sư, mỹ thuật, quý, lý do") == "Kĩ sư, mĩ thuật, quí, lí do"
    # "uy"/"ui" and "ay"/"ai" are other vowels; a lone "y" (y tế) has no variant.
    assert same_spelling("tuy nhiên, thủy lợi, tay, y tế") == "tuy nhiên, thủy lợi, tay, y tế"


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
    wide = _search(engine.Scope(province.tree_id), "khai sinh")
    assert (wide.total, [h.tenant_id for h in wide.hits]) == (1, [province.pk])
    own = engine.Scope(commune.tree_id, (commune.pk,))
    assert [h.tenant_id for h in _search(own, "khai sinh").hits] == [commune.pk]


def test_a_common_word_in_few_titles_is_ranked_from_the_title_index(
    province, commune, django_assert_max_num_queries
):
    """Issue 22: "kế hoạch" in 1,100 texts but 5 titles. The title tiers come from the
    GIN index on the title vector; more than the cap in 3 months settles the count
    without a second scan of every match."""
    _fill(commune, engine.COUNT_CAP + 100, 2, "Tin hoạt động", "Triển khai kế hoạch năm.")
    _fill(commune, 5, 20, "Kế hoạch phát triển")
    scope = engine.Scope(province.tree_id)
    with django_assert_max_num_queries(7):  # 3-month scan, title tiers, page rows
        found = _search(scope, "kế hoạch")
    assert found.capped and found.total == engine.COUNT_CAP
    titles = [_plain(h.title) for h in found.hits]
    assert sorted(titles[:5]) == [f"Kế hoạch phát triển số {n}" for n in range(5)]
    assert all(title.startswith("Tin hoạt động") for title in titles[5:])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM search_searchentry e "
            "WHERE e.rank_vector @@ to_tsquery('search_vn', 'ke & hoach')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "search_entry_rank_vector" in plan
