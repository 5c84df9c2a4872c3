"""Top and zero-result queries per site and week, with no personal data, in the admin."""

from django.test import Client

from search.analytics import drain, normalise, week_of
from search.models import SearchQueryStat
from tenants.models import Role
from tests.search.factories import bulletin, index_all
from tests.tenants.factories import MembershipFactory


def test_searches_are_counted_per_site_week_and_normalised_query(
    commune, other_commune, site_client, django_capture_on_commit_callbacks
):
    bulletin(commune, "Quy hoạch sử dụng đất")
    index_all()
    client = site_client(commune)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/tim-kiem/", {"q": "Quy hoạch"})
        client.get("/tim-kiem/", {"q": "quy   hoach"})
        client.get("/tim-kiem/", {"q": "quy hoach", "page": "2"})  # paging is not a new search
        client.get("/tim-kiem/", {"q": "khong co gi"})
        site_client(other_commune).get("/tim-kiem/", {"q": "quy hoach"})
    drain()  # the beat task, every minute
    stats = {(s.tenant_id, s.query): s for s in SearchQueryStat.objects.all()}
    top = stats[(commune.pk, "quy hoach")]
    assert (top.searches, top.zero_results) == (2, 0)
    assert top.week.weekday() == 0
    assert stats[(commune.pk, "khong co gi")].zero_results == 1
    assert stats[(other_commune.pk, "quy hoach")].zero_results == 1


def test_nothing_personal_is_stored(commune, site_client, django_capture_on_commit_callbacks):
    client = site_client(commune)
    with django_capture_on_commit_callbacks(execute=True):
        for q in ["0912 345 678", "cccd 001203004567", "nguyenvana@example.com"]:
            client.get("/tim-kiem/", {"q": q})
    drain()
    assert list(SearchQueryStat.objects.values_list("query", "searches")) == [
        ("(đã ẩn: có thể chứa thông tin cá nhân)", 3)
    ]
    assert normalise("Đăng  Ký ") == "dang ky"


def test_week_starts_on_monday():
    from datetime import date

    assert week_of(date(2026, 11, 29)) == date(2026, 11, 23)


def test_editors_see_their_own_sites_queries_read_only(commune, other_commune, site_client):
    SearchQueryStat.objects.create(tenant=commune, week=date_monday(), query="ho tich", searches=5)
    SearchQueryStat.objects.create(
        tenant=other_commune, week=date_monday(), query="dat dai", searches=9
    )
    editor = MembershipFactory(tenant=commune, role=Role.EDITOR).user
    client = Client(HTTP_HOST="xaa.portal.test")
    client.force_login(editor)
    page = client.get("/admin/search/searchquerystat/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "ho tich" in html and "dat dai" not in html
    other = SearchQueryStat.objects.get(query="dat dai")
    assert client.get(f"/admin/search/searchquerystat/{other.pk}/change/").status_code == 403
    own = SearchQueryStat.objects.get(query="ho tich")
    response = client.get(f"/admin/search/searchquerystat/{own.pk}/change/")
    assert response.status_code == 200 and b'name="_save"' not in response.content
    assert client.post(f"/admin/search/searchquerystat/{own.pk}/delete/").status_code == 403


def date_monday():
    from django.utils import timezone

    return week_of(timezone.localdate())
