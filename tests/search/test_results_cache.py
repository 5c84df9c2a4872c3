"""A search asked again is served from the results cache (search/results_cache.py), and
every write to the index makes the next search see it."""

import pytest

from search import indexing, results_cache
from search.rebuild import rebuild
from tests.search.factories import bulletin, index_all
from tests.search.test_search import titles


@pytest.fixture
def plans(commune):
    bulletin(commune, "Kế hoạch phòng chống thiên tai năm 2024", "Nội dung kế hoạch.")
    bulletin(commune, "Kế hoạch tiêm chủng mở rộng", "Tiêm chủng.")
    index_all()


def test_the_same_search_again_makes_no_query(
    plans, commune, site_client, django_assert_num_queries
):
    client = site_client(commune)
    first = client.get("/tim-kiem/", {"q": "kế hoạch"})
    assert len(titles(first)) == 2
    with django_assert_num_queries(0):
        again = client.get("/tim-kiem/", {"q": "kế hoạch"})
    assert again.content == first.content


def test_a_newly_indexed_item_is_found_by_the_next_identical_search(plans, commune, site_client):
    client = site_client(commune)
    assert len(titles(client.get("/tim-kiem/", {"q": "kế hoạch"}))) == 2
    item = bulletin(commune, "Kế hoạch cải cách hành chính", "Cải cách.")
    indexing.reindex(indexing.model_label(item.__class__), str(item.pk))
    found = titles(client.get("/tim-kiem/", {"q": "kế hoạch"}))
    assert "Kế hoạch cải cách hành chính" in found and len(found) == 3


def test_an_item_dropped_from_the_index_goes_from_the_next_identical_search(
    plans, commune, site_client
):
    client = site_client(commune)
    assert len(titles(client.get("/tim-kiem/", {"q": "tiêm chủng"}))) == 1
    item = bulletin(commune, "Tiêm chủng bổ sung", status="draft")
    label = indexing.model_label(item.__class__)
    dropped = item.__class__.objects.get(title="Kế hoạch tiêm chủng mở rộng")
    dropped.status = "draft"
    dropped.save()
    indexing.reindex_many(label, [str(dropped.pk), str(item.pk)])
    assert titles(client.get("/tim-kiem/", {"q": "tiêm chủng"})) == []


def test_a_renamed_unit_shows_in_the_next_identical_search(plans, commune, site_client):
    client = site_client(commune)
    assert "Xã An Bình" in client.get("/tim-kiem/", {"q": "kế hoạch"}).content.decode()
    commune.name_vi = "Xã An Bình Mới"
    commune.save()
    assert "Xã An Bình Mới" in client.get("/tim-kiem/", {"q": "kế hoạch"}).content.decode()


def test_every_write_to_the_index_changes_its_version(
    plans, commune, other_commune, django_capture_on_commit_callbacks
):
    """rebuild, reindex, reindex_many and a merge's move of the entries: each one bumps."""
    from tenants.lifecycle.merge import merge_sites

    item = bulletin(commune, "Kế hoạch năm 2025")
    label, pk = indexing.model_label(item.__class__), str(item.pk)
    writes = {
        "rebuild": lambda: rebuild(),
        "reindex": lambda: indexing.reindex(label, pk),
        "reindex_many": lambda: indexing.reindex_many(label, [pk]),
        "merge": lambda: merge_sites([commune], other_commune),
    }
    for name, write in writes.items():
        before = results_cache.index_version()
        with django_capture_on_commit_callbacks(execute=True):  # the merge runs after commit
            write()
        assert results_cache.index_version() != before, name
