"""URL history, rename, move and archive: every address a site published keeps answering."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from content.models import Article
from portal.publishing import trash
from tenants.lifecycle.context import LifecycleError
from tenants.lifecycle.site import archive_site, move_site, rename_site, retire_site
from tenants.models import FormerName, SiteOperation, Tenant, UrlRedirect
from tests.content.factories import ArticleFactory
from tests.tenants.factories import MembershipFactory, TenantFactory
from tests.tenants.lifecycle_scenario import two_communes

pytestmark = pytest.mark.django_db


def get(host, path):
    return Client(HTTP_HOST=host).get(path)


def test_a_changed_slug_answers_301_and_chains_collapse(commune):
    article = ArticleFactory(tenant=commune, slug="ban-dau", title_vi="Tin đổi đường dẫn")
    first = article.get_absolute_url()
    article.slug = "lan-hai"
    article.save()
    second = article.get_absolute_url()
    article.slug = "lan-ba"
    article.save()
    for old in (first, second):
        response = get("xaa.portal.test", old)
        assert response.status_code == 301
        assert response["Location"] == f"http://xaa.portal.test{article.get_absolute_url()}"
    assert (
        "Tin đổi đường dẫn" in get("xaa.portal.test", article.get_absolute_url()).content.decode()
    )


def test_a_draft_leaves_no_redirect_behind(commune):
    article = ArticleFactory(tenant=commune, slug="nhap", status="draft", published_at=None)
    article.slug = "nhap-2"
    article.save()
    assert not UrlRedirect.objects.exists()


def test_a_deleted_item_answers_410_a_trashed_one_404_until_deleted(commune):
    editor = MembershipFactory(tenant=commune, role="approver").user
    trashed = ArticleFactory(tenant=commune, slug="vao-thung-rac")
    gone = ArticleFactory(tenant=commune, slug="da-xoa")
    gone_url = gone.get_absolute_url()
    gone.delete()
    response = get("xaa.portal.test", gone_url)
    assert response.status_code == 410
    assert "Nội dung đã được gỡ bỏ" in response.content.decode()
    trash(trashed, by=editor)  # restorable: not gone yet
    assert get("xaa.portal.test", trashed.get_absolute_url()).status_code == 404


def test_rename_keeps_the_former_name_on_the_about_page_and_old_hosts_redirect(commune):
    operation = rename_site(commune, name="Xã An Bình Mới", primary_hostname="anbinhmoi.gov.vn")
    assert FormerName.objects.get(tenant=commune).name == "Xã An Bình"
    assert operation.plan["hostnames"] == ["xaa.portal.test"]
    response = get("xaa.portal.test", "/gioi-thieu/?a=1")
    assert response.status_code == 301
    assert response["Location"] == "http://anbinhmoi.gov.vn/gioi-thieu/?a=1"
    about = get("anbinhmoi.gov.vn", "/gioi-thieu/").content.decode()
    assert "Tên gọi trước đây" in about and "Xã An Bình (đến ngày" in about
    assert "Xã An Bình Mới" in about


def test_rename_refuses_a_hostname_of_another_site(commune, other_commune):
    with pytest.raises(LifecycleError, match="đã được một đơn vị khác sử dụng"):
        rename_site(commune, name="Xã Khác", primary_hostname="xab.portal.test")
    with pytest.raises(LifecycleError, match="Nhập tên mới"):
        rename_site(commune, name="  ")


def test_move_puts_a_commune_of_an_abolished_district_under_the_province(
    province, district, district_commune
):
    operation = move_site(district_commune, province)
    district_commune.refresh_from_db()
    assert district_commune.parent == province
    assert operation.plan["from"] == "Huyện Cũ"
    # The province's board (roles "with descendants") now reaches it.
    board = MembershipFactory(tenant=province, role="editor", include_descendants=True).user
    from tenants.access import tenant_ids_for

    assert district_commune.pk in tenant_ids_for(board)
    with pytest.raises(LifecycleError, match="chính nó hoặc đơn vị cấp dưới"):
        move_site(province, district_commune)


def test_archive_marks_the_site_read_only_and_out_of_scoring_and_menus(
    province, commune, commune_editor
):
    from compliance.scoring import rollup
    from tenants.access import tenant_ids_for

    assert "Xã An Bình" in get("portal.test", "/").content.decode()
    assert rollup(province).sites == 2
    retire_site(commune)
    commune.refresh_from_db()
    assert commune.is_archived and commune.is_active
    assert get("xaa.portal.test", "/gioi-thieu/").status_code == 200  # still online
    assert "Xã An Bình" not in get("portal.test", "/").content.decode()  # out of the menus
    assert rollup(province).sites == 1  # out of the scoring
    assert commune.pk not in tenant_ids_for(commune_editor)  # read-only
    with pytest.raises(LifecycleError, match="đã là trang lưu trữ"):
        archive_site(commune)


def test_retire_into_a_successor_sends_every_old_url_to_its_item(province):
    communes = two_communes(province, articles_each=1)
    article = Article.objects.filter(tenant=communes.hoa_binh).first()
    call_command("site_lifecycle", "retire", "hoabinh", "--successor", "hoalap", stdout=StringIO())
    response = get("hoabinh.portal.test", article.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"].endswith(f"hoalap.portal.test{article.get_absolute_url()}")
    with pytest.raises(CommandError, match="vào chính nó"):
        call_command("site_lifecycle", "retire", "hoalap", "--successor", "hoalap")


def test_merge_command_previews_then_merges(province):
    communes = two_communes(province, articles_each=1)
    out = StringIO()
    call_command(
        "merge_sites", "hoabinh", "tanlap.portal.test", "--into", "hoalap", "--dry-run", stdout=out
    )
    text = out.getvalue()
    assert "Tin bài: 4 mục" in text and "le-hoi-dua-thuyen-tanlap" in text
    assert "Chạy thử" in text and not SiteOperation.objects.exists()
    out = StringIO()
    call_command("merge_sites", "hoabinh", "tanlap", "--into", "hoalap", stdout=out)
    assert "Hoàn tất" in out.getvalue()
    assert Article.objects.filter(tenant=communes.target).count() == 4
    with pytest.raises(CommandError, match="vào chính nó"):
        call_command("merge_sites", "hoalap", "--into", "hoalap", stdout=StringIO())
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("merge_sites", "khong-co", "--into", "hoalap", stdout=StringIO())
    out = StringIO()
    call_command("site_lifecycle", "status", stdout=out)
    assert "Sáp nhập" in out.getvalue()


def test_site_lifecycle_command_renames_and_moves(province, district, district_commune):
    call_command("site_lifecycle", "rename", "xacu", "--name", "Xã Mới", stdout=StringIO())
    call_command("site_lifecycle", "move", "xacu", "--parent", "tinh", stdout=StringIO())
    site = Tenant.objects.get(slug="xacu")
    assert (site.name, site.parent) == ("Xã Mới", province)
    with pytest.raises(CommandError, match="chính nó"):
        call_command("site_lifecycle", "move", "tinh", "--parent", "xacu", stdout=StringIO())


def test_a_new_site_with_a_used_slug_is_refused(province):
    TenantFactory(parent=province, slug="dadung")
    from tenants.lifecycle.plan import NewSite

    assert any("dadung" in e for e in NewSite("Xã", "dadung", "moi.gov.vn").errors())


def test_an_archived_site_shows_the_archive_banner(commune, other_commune):
    archive_site(commune)
    assert "Trang lưu trữ" in get("xaa.portal.test", "/gioi-thieu/").content.decode()
    assert "Trang lưu trữ" not in get("xab.portal.test", "/gioi-thieu/").content.decode()
