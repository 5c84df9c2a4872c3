"""The static fallback: each site's essential pages as plain HTML under <dir>/<hostname>/,
with the maintenance banner and forms that say sending is unavailable; a site with no
content still gets a valid home page."""

from datetime import timedelta
from html.parser import HTMLParser

from django.core.management import call_command
from django.utils import timezone

from operations.models import DowntimeNotice
from operations.static_export import mark_as_fallback
from tests.content.factories import ArticleFactory
from tests.procedures.factories import SyncSourceFactory, import_records, record


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


def _parsed(path):
    checker = _Checker()
    checker.feed(path.read_text(encoding="utf-8"))
    return checker.tags


def test_export_writes_the_essential_pages_of_each_site(
    province, commune, other_commune, tmp_path, capsys
):
    commune.hotline = "0203 3888 999"
    commune.save()
    ArticleFactory(tenant=commune, title_vi="Lịch tiếp công dân tháng 12")
    import_records(SyncSourceFactory(tenant=province), record(code="1.000001", tenants=["xaa"]))
    now = timezone.now()
    DowntimeNotice.objects.create(
        tenant=commune,
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=4),
        message_vi="Nâng cấp hệ thống",
    )
    call_command("export_static", dir=str(tmp_path))
    site = tmp_path / "xaa.portal.test"
    for page in (
        "index.html",
        "gioi-thieu/index.html",
        "gioi-thieu/can-bo-dau-moi/index.html",
        "duong-day-nong/index.html",
        "thu-tuc-hanh-chinh/index.html",
        "thu-tuc-hanh-chinh/1.000001/index.html",
        "van-ban/index.html",
        "tin-tuc/index.html",
        "thong-bao-bao-tri/index.html",
    ):
        assert (site / page).is_file(), page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Hệ thống đang bảo trì — bản lưu lúc" in home
    assert "0203 3888 999" in home and "Lịch tiếp công dân tháng 12" in home
    assert "Nâng cấp hệ thống" in (site / "thong-bao-bao-tri/index.html").read_text()
    assert {"html", "body", "main"} <= _parsed(site / "index.html")
    # The other sites, even without any content, have a valid home page.
    for hostname in ("xab.portal.test", "portal.test"):
        assert {"html", "body", "main"} <= _parsed(tmp_path / hostname / "index.html")
    assert "3 site(s)" in capsys.readouterr().out
    # A second export replaces the copy whole.
    call_command("export_static", dir=str(tmp_path), site=["xaa"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "portal.test",
        "xaa.portal.test",
        "xab.portal.test",
    ]


def test_sending_forms_say_they_are_unavailable_and_give_the_hotline():
    html = (
        '<html><body><form method="get" action="/tim-kiem/"></form>'
        '<form class="ask" method="post" action="/hoi-dap/gui-cau-hoi/"></form></body></html>'
    )
    marked = mark_as_fallback(html, "10:00 04/12/2026", "0203 3888 999")
    assert marked.count("Chức năng gửi tạm ngừng") == 1
    note = marked.index("Chức năng gửi tạm ngừng")
    assert note < marked.index('<form class="ask"') and "gọi đường dây nóng 0203 3888 999" in marked
    assert marked.index("bản lưu lúc 10:00 04/12/2026") < marked.index("<form")
