"""Importing an old ASP.NET-style portal served on 127.0.0.1: what lands, what is refused."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from content.models import Article, ArticleAttachment, Image
from importer import runs
from importer.models import ImportItem, ImportRun, ItemState
from portal.publishing import PublicationStatus
from tenants.models import UrlRedirect

from .conftest import make_profile


def import_now(profile, user=None, **fields) -> ImportRun:
    run = ImportRun.objects.create(
        tenant=profile.tenant, profile=profile, started_by=user, **fields
    )
    runs.execute(run.pk)
    run.refresh_from_db()
    return run


def local(article, pattern: str) -> str:
    return timezone.localtime(article.published_at).strftime(pattern)


def articles(tenant):
    return Article.objects.filter(tenant=tenant)


def test_dry_run_reports_what_it_would_create_and_writes_nothing(profile, capsys):
    before = (Article.objects.count(), Image.objects.count(), UrlRedirect.objects.count())
    call_command("import_site", "cong-cu", "--dry-run")
    out = capsys.readouterr().out
    assert "Chạy thử — không ghi gì." in out
    assert "Chuyên mục tin-tuc: 12 mục" in out
    assert "03/11/2025 Hội nghị tổng kết công tác năm 2025" in out
    assert "trùng nội dung" in out  # the printable copy of bai-3
    assert "Trang nguồn báo không tồn tại (404)" in out
    assert "Nội dung trống." in out
    assert "ảnh hỏng" in out and "hong.jpg: không phải tệp ảnh" in out
    assert (Article.objects.count(), Image.objects.count(), UrlRedirect.objects.count()) == before
    assert not ImportRun.objects.exists() and not ImportItem.objects.exists()


def test_full_import_creates_articles_with_dates_bodies_images_and_attachments(
    profile, commune, categories
):
    run = import_now(profile)
    assert run.state == "done"
    first = articles(commune).get(title_vi="Hội nghị tổng kết công tác năm 2025")
    assert first.category == categories["tin-tuc"]
    assert first.status == PublicationStatus.DRAFT  # the profile does not publish
    assert local(first, "%d/%m/%Y %H:%M") == "03/11/2025 08:30"
    assert first.summary_vi == "UBND xã An Bình tổ chức hội nghị tổng kết công tác năm 2025."
    assert "<table>" in first.body_vi and "Thu ngân sách" in first.body_vi  # tables kept
    assert "style=" not in first.body_vi and "<font" not in first.body_vi  # Word cleaned
    assert "onclick" not in first.body_vi and "<script" not in first.body_vi
    assert first.cover is not None and first.cover.alt == "Toàn cảnh hội nghị"
    assert first.cover.file.url in first.body_vi  # the body shows the re-encoded copy
    attachment = first.attachments.get()
    assert attachment.title == "Báo cáo tổng kết năm 2025"
    assert attachment.file.read().startswith(b"%PDF")

    second = articles(commune).get(title_vi="Kế hoạch chuyển đổi số năm 2026")  # NFD → NFC
    assert local(second, "%d/%m/%Y") == "05/11/2025"
    assert "Ủy ban nhân dân xã ban hành" in second.body_vi
    assert not second.attachments.exists()  # the forged PDF was refused
    item = ImportItem.objects.get(source_url=profile_url(profile, "/tin-tuc/bai-2.html"))
    assert item.state == ItemState.DONE
    assert "gia-mao.pdf" in item.message and "hong.jpg" in item.message

    notice = articles(commune).get(title_vi="Thông báo lịch tiếp công dân tháng 11")
    assert notice.category == categories["thong-bao"]
    assert articles(commune).count() == 5  # bai-1, bai-2, bai-3, tb-1, the TCVN3 page


def profile_url(profile, path):
    return profile.base_url.rstrip("/") + path


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/tin-tuc/bai-khong-ton-tai.html", "Trang nguồn báo không tồn tại (404)"),
        ("/loi-500.html", "Trang nguồn trả lỗi 500"),
        ("/rat-lon.html", "Tệp quá lớn"),
        ("/vong-lap.html", "Vòng lặp chuyển hướng"),
        ("/ra-ngoai.html", "Liên kết ra ngoài trang nguồn"),
        ("/files/bao-cao-tong-ket.pdf", "Không phải trang HTML"),
        ("/tin-tuc/bai-rong.html", "Nội dung trống."),
    ],
)
def test_each_bad_page_is_journalled_with_a_clear_message_and_the_run_goes_on(
    profile, path, message
):
    run = import_now(profile)
    item = ImportItem.objects.get(source_url=profile_url(profile, path))
    assert item.state == ItemState.FAILED
    assert message in item.message
    assert run.state == "done" and run.created == 5


def test_a_link_off_the_source_host_is_never_fetched(profile):
    run = import_now(profile)
    assert not ImportItem.objects.filter(source_url__contains="example.invalid").exclude(
        state=ItemState.FAILED
    )
    assert (
        "example.invalid"
        in ImportItem.objects.get(source_url="http://cong-khac.example.invalid/x.html").message
    )
    assert run.failed == 8


def test_a_duplicate_page_becomes_a_redirect_to_the_first_copy(profile, commune):
    import_now(profile)
    copy = ImportItem.objects.get(source_url=profile_url(profile, "/tin-tuc/bai-3-ban-in.html"))
    assert copy.state == ItemState.SKIPPED
    original = articles(commune).get(title_vi="Ra quân vệ sinh môi trường")
    response = Client(HTTP_HOST="xaanbinh.gov.vn").get("/tin-tuc/bai-3-ban-in.html")
    assert response.status_code == 301
    assert response["Location"].endswith(f"/tin-tuc/{original.slug}/")


def test_the_tcvn3_page_comes_out_as_correct_unicode(profile, commune):
    import_now(profile)
    old = articles(commune).get(published_at__year=2003)
    assert old.title_vi == "lịch tiếp công dân năm 2003"
    assert "thông báo lịch tiếp công dân định kỳ vào thứ năm" in old.body_vi


def test_internal_links_are_rewritten_to_the_new_items(profile, commune):
    import_now(profile)
    first = articles(commune).get(title_vi="Hội nghị tổng kết công tác năm 2025")
    plan = articles(commune).get(title_vi="Kế hoạch chuyển đổi số năm 2026")
    notice = articles(commune).get(title_vi="Thông báo lịch tiếp công dân tháng 11")
    assert f'href="/tin-tuc/{plan.slug}/"' in first.body_vi
    assert f'href="/tin-tuc/{notice.slug}/"' in first.body_vi
    assert f'href="/tin-tuc/{first.slug}/"' in notice.body_vi


def test_every_old_url_answers_301_to_its_new_item(profile, commune, commune_approver):
    profile.publish = True
    profile.save()
    import_now(profile, user=commune_approver)
    client = Client(HTTP_HOST="xaanbinh.gov.vn")
    for item in ImportItem.objects.filter(profile=profile, target_label="content.article"):
        path = item.source_url.split(profile.hostnames()[0], 1)[1]
        response = client.get(path)
        assert response.status_code == 301, path
        assert response["Location"] == f"http://xaa.portal.test{item.new_path}"
        assert Client(HTTP_HOST="xaa.portal.test").get(item.new_path).status_code == 200


def test_publishing_profile_publishes_with_the_original_date(profile, commune, commune_approver):
    profile.publish = True
    profile.save()
    import_now(profile, user=commune_approver)
    first = articles(commune).get(title_vi="Hội nghị tổng kết công tác năm 2025")
    assert first.status == PublicationStatus.PUBLISHED
    assert local(first, "%d/%m/%Y %H:%M") == "03/11/2025 08:30"


def test_publishing_needs_an_approver(profile, commune_editor):
    profile.publish = True
    profile.save()
    with pytest.raises(runs.ImportRefused, match="người duyệt"):
        import_now(profile, user=commune_editor)
    assert not Article.objects.exists()


def test_a_second_run_creates_nothing_new(profile, commune):
    import_now(profile)
    counts = (articles(commune).count(), Image.objects.count(), ArticleAttachment.objects.count())
    second = import_now(profile)
    assert second.created == 0 and second.skipped >= 5
    assert counts == (
        articles(commune).count(),
        Image.objects.count(),
        ArticleAttachment.objects.count(),
    )


def test_an_update_run_updates_a_changed_page_and_nothing_else(profile, commune, old_site):
    import_now(profile)
    notice = articles(commune).get(title_vi="Thông báo lịch tiếp công dân tháng 11")
    changed = (
        '<html><head><meta charset="utf-8"></head><body><div class="news-detail">'
        "<h1>Thông báo lịch tiếp công dân tháng 11 (đã sửa)</h1>"
        '<div class="date">31/10/2025</div><div class="content"><p>Lịch mới: thứ Sáu.</p>'
        "</div></div></body></html>"
    )
    old_site.override("/thong-bao/tb-1.html", changed.encode())
    count = articles(commune).count()
    second = import_now(profile, update_done=True)
    assert (second.updated, second.created) == (1, 0)
    assert articles(commune).count() == count
    notice.refresh_from_db()
    assert notice.title_vi == "Thông báo lịch tiếp công dân tháng 11 (đã sửa)"
    assert "Lịch mới: thứ Sáu." in notice.body_vi


def test_a_killed_run_resumes_and_ends_like_an_uninterrupted_one(
    profile, commune, other_commune, old_site
):
    run = ImportRun.objects.create(tenant=commune, profile=profile)

    def kill_after_four(done, total):
        if done == 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        runs.execute(run.pk, progress=kill_after_four)
    assert 0 < articles(commune).count() < 5
    resumed = import_now(profile)
    assert resumed.state == "done"

    from tests.content.factories import CategoryFactory

    for slug in ("tin-tuc", "thong-bao"):
        CategoryFactory(tenant=other_commune, slug=slug)
    whole = make_profile(other_commune, old_site)
    import_now(whole)

    def shape(tenant):
        return sorted(
            (a.title_vi, a.published_at, a.category.slug, a.attachments.count(), bool(a.cover))
            for a in articles(tenant)
        )

    assert shape(commune) == shape(other_commune)


def test_an_import_into_one_site_never_touches_another(profile, commune, other_commune):
    from tests.content.factories import ArticleFactory

    theirs = ArticleFactory(tenant=other_commune, title_vi="Tin của xã khác")
    import_now(profile)
    assert list(Article.objects.filter(tenant=other_commune)) == [theirs]
    assert not Image.objects.filter(tenant=other_commune).exists()
    assert set(UrlRedirect.objects.values_list("tenant_id", flat=True)) == {commune.pk}


def test_robots_txt_is_respected(profile, old_site):
    old_site.override("/robots.txt", b"User-agent: *\nDisallow: /tin-tuc/bai-1.html\n")
    import_now(profile)
    item = ImportItem.objects.get(source_url=profile_url(profile, "/tin-tuc/bai-1.html"))
    assert item.state == ItemState.FAILED and "robots.txt" in item.message


def test_wordpress_site_imports_from_its_feed_with_automatic_extraction(
    commune, categories, wordpress_site
):
    from importer.examples import load_example

    profile = load_example("wordpress", commune, wordpress_site.url("/"), slug="wp")
    profile.delay_seconds = 0
    profile.save()
    run = import_now(profile)
    assert run.created == 2, run.report
    post = articles(commune).get(title_vi="Lễ ra quân nghĩa vụ quân sự năm 2025")
    assert local(post, "%d/%m/%Y") == "18/02/2025"
    assert "15 thanh niên lên đường nhập ngũ" in post.body_vi
    assert "Trang sử dụng WordPress" not in post.body_vi  # footer left out
    assert "Giới thiệu" not in post.body_vi  # menu left out


def test_the_command_makes_a_profile_from_a_shipped_example(commune, categories, old_site, capsys):
    call_command(
        "import_site", "moi", "--site", "xaa", "--example", "cong-tinh",
        "--base-url", old_site.url("/"), "--delay", "0",
    )  # fmt: skip
    out = capsys.readouterr().out
    assert "Tạo mới 5, cập nhật 0, bỏ qua 1, lỗi 8" in out
    assert "14/14" in out and "mục/giây" in out  # the progress line
    assert articles(commune).count() == 5


def test_the_command_refuses_an_unknown_profile_with_a_clear_message(commune):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có nguồn “khong-co”"):
        call_command("import_site", "khong-co")


def test_a_run_stopped_by_an_unexpected_error_says_so_and_keeps_what_was_done(profile, monkeypatch):
    def database_gone(*args, **kwargs):
        raise RuntimeError("máy chủ cơ sở dữ liệu không trả lời")

    monkeypatch.setattr("importer.pipeline.discover", database_gone)
    run = ImportRun.objects.create(tenant=profile.tenant, profile=profile)
    with pytest.raises(RuntimeError):
        runs.execute(run.pk)
    run.refresh_from_db()
    assert run.state == "failed"
    assert "máy chủ cơ sở dữ liệu không trả lời" in run.report and "Chạy lại" in run.report
