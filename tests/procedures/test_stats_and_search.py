"""Full-online share per site and tree (for the compliance module), and search entries."""

from procedures.models import Procedure
from procedures.search_index import SOURCES, entries
from procedures.stats import online_share
from tests.procedures.factories import import_records, record


def test_online_share_per_site_and_across_the_tree(source, province, commune, other_commune):
    import_records(
        source,
        record("1.1", tenants=["xaa", "xab"]),
        record("1.2", tenants=["xaa"], online_level="partial", partial_reason="Ký trực tiếp."),
        record("1.3", tenants=["xab"], online_level="none", submission_url=""),
        record("2.1", tenants=["tinh"]),
    )
    assert (
        online_share(commune, subtree=False).full,
        online_share(commune, subtree=False).total,
    ) == (1, 2)
    assert online_share(commune, subtree=False).full_percent == 50.0
    tree = online_share(province, subtree=True)
    assert (tree.total, tree.full, tree.partial) == (4, 2, 1)
    assert tree.full_percent == 50.0
    own = online_share(province, subtree=False)
    assert (own.total, own.full) == (1, 1)


def test_statistics_follow_the_next_sync(source, commune):
    import_records(source, record("1.1"))
    assert online_share(commune, subtree=False).full == 1
    import_records(source, record("1.1", online_level="partial", partial_reason="Ký trực tiếp."))
    assert online_share(commune, subtree=False).full == 0


def test_no_procedures_means_zero_not_an_error(province):
    share = online_share(province, subtree=True)
    assert (share.total, share.full_percent) == (0, 0.0)


def test_search_entries_per_implementing_site_and_language(source, commune, other_commune):
    import_records(
        source, record("1.1", tenants=["xaa", "xab"]), record("1.2", name_en="", tenants=["xaa"])
    )
    birth = Procedure.objects.get(code="1.1")
    found = list(entries(birth))
    assert {(e.tenant_id, e.language) for e in found} == {
        (commune.pk, "vi"), (commune.pk, "en"), (other_commune.pk, "vi"), (other_commune.pk, "en"),
    }  # fmt: skip
    vi = next(e for e in found if e.language == "vi")
    assert (vi.title, vi.url, vi.reference) == (
        "Đăng ký khai sinh",
        "/thu-tuc-hanh-chinh/1.1/",
        "1.1",
    )
    assert [e.language for e in entries(Procedure.objects.get(code="1.2"))] == ["vi"]


def test_withdrawn_procedures_leave_the_index(source, commune):
    import_records(source, record("1.1"), record("1.2"))
    import_records(source, record("1.1"))
    withdrawn = Procedure.objects.get(code="1.2")
    assert list(entries(withdrawn)) == []
    assert list(SOURCES[0].indexable().values_list("code", flat=True)) == ["1.1"]
