"""Merging two communes: everything moves, clashes are resolved as the preview said,
and every URL the old sites published answers 301 to the right item in one hop."""

from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client

from compliance.models import VisitDaily
from content.models import Article, Category
from documents.models import Document
from search.models import SearchEntry
from tenants.lifecycle.context import LifecycleError
from tenants.lifecycle.merge import execute, merge_sites
from tenants.lifecycle.plan import NewSite, plan_merge
from tenants.models import OperationState, Provenance, SiteOperation, Tenant, UrlRedirect
from tests.portal.sitemap_client import sitemap_locations
from tests.tenants.lifecycle_scenario import DAY, owned_by, two_communes

pytestmark = pytest.mark.django_db


def merge(communes, **kwargs):
    operation = merge_sites([communes.hoa_binh, communes.tan_lap], communes.target, run=False)
    return execute(operation.pk, **kwargs)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_preview_counts_kinds_clashes_and_redirects(province):
    communes = two_communes(province)
    plan = plan_merge([communes.hoa_binh, communes.tan_lap], communes.target)
    assert plan.errors == []
    lines = {line.label: line for line in plan.lines}
    assert lines["content.Article"].count == 8
    assert lines["content.Article"].renamed == 1  # Tân Lập's le-hoi-dua-thuyen
    assert lines["content.Category"].merged == 1  # both "tin-tuc": one category
    assert lines["documents.Document"].merged == 1  # the same decision, published twice
    assert lines["compliance.VisitDaily"].merged == 1  # same day and page: added up
    assert lines["tenants.Domain"].skipped == 3
    slugs = {(c.kind, c.source, c.new_slug) for c in plan.clashes}
    assert ("Tin bài", "Xã Tân Lập", "le-hoi-dua-thuyen-tanlap") in slugs
    # Two hostnames of Tân Lập for each changed URL, plus one host-wide row per hostname.
    assert "tanlap.portal.test/tin-tuc/le-hoi-dua-thuyen.html" in dict(plan.redirects) or any(
        "le-hoi-dua-thuyen" in old for old, _new in plan.redirects
    )
    assert len(plan.host_rules) == 3
    # A dry run writes nothing.
    assert SiteOperation.objects.count() == 0
    assert Article.objects.filter(tenant=communes.target).count() == 0


def test_merge_moves_everything_and_every_old_url_answers_301_in_one_hop(province):
    communes = two_communes(province)
    old_urls = {
        site.slug: sitemap_locations(Client(HTTP_HOST=f"{site.slug}.portal.test"))
        for site in (communes.hoa_binh, communes.tan_lap)
    }
    assert len(old_urls["tanlap"]) > 20
    operation = merge(communes)

    assert operation.state == OperationState.DONE
    assert owned_by(communes.target) == {"articles": 8, "categories": 1, "documents": 1}
    for site in (communes.hoa_binh, communes.tan_lap):
        site.refresh_from_db()
        assert not site.is_active and site.is_archived
    walked = 0
    for urls in old_urls.values():
        for url in urls:
            old = urlsplit(url)
            response = Client(HTTP_HOST=old.hostname).get(path_of(url))
            assert response.status_code == 301, (url, response.status_code)
            new = urlsplit(response["Location"])
            assert new.hostname == "hoalap.portal.test", url
            landed = Client(HTTP_HOST=new.hostname).get(path_of(response["Location"]))
            assert landed.status_code == 200, (url, response["Location"], landed.status_code)
            walked += 1
    assert walked == sum(len(urls) for urls in old_urls.values())


def test_clashing_items_land_on_the_right_item(province):
    communes = two_communes(province)
    merge(communes)
    target = Client(HTTP_HOST="hoalap.portal.test")
    for host in ("tanlap.portal.test", "tanlap-cu.portal.test"):
        response = Client(HTTP_HOST=host).get(communes.clash_article.get_absolute_url())
        assert response.status_code == 301
        assert "le-hoi-dua-thuyen-tanlap" in response["Location"]
        page = target.get(path_of(response["Location"]))
        assert "Lễ hội đua thuyền Xã Tân Lập" in page.content.decode()
    # Hòa Bình's article of the same slug keeps its path on the target.
    response = Client(HTTP_HOST="hoabinh.portal.test").get(
        communes.clash_article.get_absolute_url()
    )
    page = target.get(path_of(response["Location"]))
    assert "Lễ hội đua thuyền Xã Hòa Bình" in page.content.decode()
    # Tân Lập's copy of the shared document answers 301 to the one the target keeps.
    kept = Document.objects.get(tenant=communes.target)
    response = Client(HTTP_HOST="tanlap.portal.test").get(
        communes.shared_document.get_absolute_url()
    )
    assert response["Location"].endswith(kept.get_absolute_url())


def test_provenance_search_and_statistics_follow(province):
    communes = two_communes(province)
    operation = merge(communes)
    article = Article.objects.get(pk=communes.clash_article.pk)
    provenance = Provenance.objects.get(
        operation=operation, model_label="content.article", object_id=str(article.pk)
    )
    assert provenance.former_name == "Xã Tân Lập"
    assert provenance.path_changed
    assert provenance.former_url.startswith("tanlap.portal.test/")
    entry = SearchEntry.objects.get(model_label="content.article", object_id=str(article.pk))
    assert entry.tenant_id == communes.target.pk
    assert "le-hoi-dua-thuyen-tanlap" in entry.url
    assert not SearchEntry.objects.filter(tenant__in=[communes.hoa_binh, communes.tan_lap])
    visits = VisitDaily.objects.get(tenant=communes.target, day=DAY, path="/")
    assert visits.views == 20
    assert operation.moved > 0 and operation.redirects > 0


def snapshot(communes):
    sites = [communes.hoa_binh, communes.tan_lap, communes.target]
    return (
        sorted(Article.objects.values_list("pk", "tenant_id", "slug", "category_id")),
        sorted(Category.objects.filter(tenant__in=sites).values_list("pk", "tenant_id", "slug")),
        sorted(
            UrlRedirect.objects.values_list(
                "hostname", "path", "target_host", "target_path", "status"
            )
        ),
        sorted(
            Provenance.objects.values_list(
                "model_label", "object_id", "former_tenant_id", "merged_into", "path_changed"
            )
        ),
        sorted(SearchEntry.objects.values_list("tenant_id", "model_label", "object_id", "url")),
        sorted(VisitDaily.objects.values_list("tenant_id", "day", "path", "views")),
    )


def test_an_interrupted_merge_resumed_ends_identical_to_an_uninterrupted_one(province):
    communes = two_communes(province)
    with transaction.atomic():
        merge(communes)
        uninterrupted = snapshot(communes)
        transaction.set_rollback(True)
    Tenant.objects.filter(pk__in=[communes.hoa_binh.pk, communes.tan_lap.pk]).update(
        is_active=True, is_archived=False
    )
    operation = merge_sites([communes.hoa_binh, communes.tan_lap], communes.target, run=False)
    execute(operation.pk, batch_size=2, max_batches=7)  # stops mid-way, as a crash would
    operation.refresh_from_db()
    assert operation.state == OperationState.RUNNING
    assert 0 < Article.objects.filter(tenant=communes.target).count() < 8
    with pytest.raises(LifecycleError, match="chưa hoàn tất"):
        merge_sites([communes.tan_lap], communes.target, run=False)  # started twice
    execute(operation.pk, batch_size=2)
    execute(operation.pk, batch_size=2)  # a third run changes nothing
    assert snapshot(communes) == uninterrupted


def test_refusals_have_clear_messages(province, commune):
    communes = two_communes(province)
    child = Tenant.objects.create(
        parent=communes.hoa_binh, slug="thon", name="Thôn 1", kind="other"
    )
    cases = [
        ([communes.hoa_binh], communes.hoa_binh, "vào chính nó"),
        ([communes.hoa_binh], child, "cấp dưới của nó"),
        ([], communes.target, "ít nhất một"),
        (
            [communes.hoa_binh],
            NewSite(name="Xã Mới", slug="xamoi", hostname="tanlap.portal.test"),
            "đã được một đơn vị khác sử dụng",
        ),
        (
            [communes.hoa_binh],
            NewSite(name="Xã Mới", slug="xamoi", hostname="không hợp lệ"),
            "",
        ),
    ]
    for sources, target, message in cases:
        plan = plan_merge(sources, target)
        assert plan.errors, (sources, target)
        assert message in " ".join(plan.errors)
        with pytest.raises(LifecycleError):
            merge_sites(sources, target, run=False)


def test_merge_into_a_new_site_creates_it_when_it_runs(
    province, django_capture_on_commit_callbacks
):
    communes = two_communes(province, articles_each=1)
    new = NewSite(
        name="Xã Hòa Lập Mới",
        slug="hoalapmoi",
        hostname="hoalapmoi.portal.test",
        parent_id=province.pk,
    )
    with django_capture_on_commit_callbacks(execute=True):
        operation = merge_sites([communes.hoa_binh, communes.tan_lap], new)
    operation.refresh_from_db()
    assert operation.state == OperationState.DONE
    target = Tenant.objects.get(slug="hoalapmoi")
    assert operation.target == target
    assert Article.objects.filter(tenant=target).count() == 4
    response = Client(HTTP_HOST="hoabinh.portal.test").get("/")
    assert response.status_code == 301
    assert response["Location"] == "http://hoalapmoi.portal.test/"
