"""Every public page type, served from the whole-response cache, shows a change on the
next request: the declarations of each app's caching.py (portal/cache_dependencies.py)
reach every page that shows what changed."""

import pytest
from django.urls import reverse

from disclosure.models import SECTION_PATHS, Section
from portal import cache_dependencies
from portal.publishing import PublicationStatus, archive
from tests.content.factories import ArticleFactory, CategoryFactory
from tests.disclosure.factories import RecordFactory
from tests.documents.factories import DocumentFactory
from tests.portal.test_page_cache import served_from_cache, visitor

HTML_PAGES = {
    "home": lambda ctx: "/",
    "English home": lambda ctx: "/en/",
    "category": lambda ctx: ctx["category"].get_absolute_url(),
    "article": lambda ctx: ctx["article"].get_absolute_url(),
    "documents": lambda ctx: reverse("documents:list"),
    "document": lambda ctx: reverse("documents:detail", args=[ctx["document"].pk]),
    "procedures": lambda ctx: reverse("procedures:catalogue"),
    "disclosure": lambda ctx: reverse("disclosure:index"),
    "about": lambda ctx: reverse("tenants:about"),
}


@pytest.fixture
def site(page_cache, commune):
    category = CategoryFactory(
        tenant=commune, name_vi="Tin tức", name_en="News", slug="tin-tuc", in_menu=True
    )
    article = ArticleFactory(
        tenant=commune, category=category, title_vi="Khai trương chợ mới", title_en="New market"
    )
    document = DocumentFactory(tenant=commune)
    return {"tenant": commune, "category": category, "article": article, "document": document}


def fresh_text(site, path: str) -> str:
    response = visitor(site["tenant"]).get(path)
    assert response.status_code == 200, path
    assert response["X-Page-Cache"] == "miss", f"{path} served stale from the cache"
    return response.content.decode()


def warm(site, *paths: str) -> None:
    for path in paths:
        served_from_cache(visitor(site["tenant"]), path)


@pytest.mark.parametrize("page", list(HTML_PAGES))
def test_a_renamed_site_shows_on_every_page(site, page):
    path = HTML_PAGES[page](site)
    warm(site, path)
    tenant = site["tenant"]
    tenant.name_vi, tenant.name_en = "Xã An Bình Mới", "New An Binh Commune"
    tenant.save()
    assert ("New An Binh Commune" if page.startswith("English") else "Xã An Bình Mới") in (
        fresh_text(site, path)
    )


@pytest.mark.parametrize("page", [p for p in HTML_PAGES if not p.startswith("English")])
def test_a_new_menu_entry_shows_on_every_page(site, page):
    path = HTML_PAGES[page](site)
    warm(site, path)
    CategoryFactory(tenant=site["tenant"], name_vi="Chuyển đổi số", slug="cds", in_menu=True)
    assert "Chuyển đổi số" in fresh_text(site, path)


@pytest.mark.parametrize("page", ["home", "category", "rss"])
def test_publishing_and_unpublishing_show_in_the_lists(site, page, board_member):
    path = {"home": "/", "category": site["category"].get_absolute_url(), "rss": "/rss/"}[page]
    warm(site, path)
    new = ArticleFactory(tenant=site["tenant"], category=site["category"], title_vi="Hội chợ xuân")
    assert "Hội chợ xuân" in fresh_text(site, path)
    warm(site, path)
    archive(new, by=board_member)
    assert "Hội chợ xuân" not in fresh_text(site, path)


def test_an_edited_and_an_unpublished_article_show_at_once(site, board_member):
    article = site["article"]
    path = article.get_absolute_url()
    warm(site, path)
    article.title_vi = "Khai trương chợ đầu mối"
    article.save()
    assert "Khai trương chợ đầu mối" in fresh_text(site, path)
    warm(site, path)
    archive(article, by=board_member)
    assert visitor(site["tenant"]).get(path).status_code == 404


def test_a_new_document_and_a_renamed_type_show_in_the_documents_list(site):
    path = reverse("documents:list")
    warm(site, path)
    DocumentFactory(tenant=site["tenant"], number="77/2026/QĐ-UBND")
    assert "77/2026/QĐ-UBND" in fresh_text(site, path)
    warm(site, path)
    doc_type = site["document"].doc_type
    doc_type.name_vi = "Chỉ thị mới"
    doc_type.save()
    assert "Chỉ thị mới" in fresh_text(site, path)


def test_a_provincial_document_reaches_the_communes_below(site, province):
    path = reverse("documents:list")
    warm(site, path)
    DocumentFactory(tenant=province, number="88/2026/QĐ-UBND", status=PublicationStatus.PUBLISHED)
    fresh_text(site, path)  # the commune's entry is no longer served


def test_a_disclosure_record_shows_in_its_section(site):
    path = reverse("disclosure:list", args=[SECTION_PATHS[Section.PLANNING]])
    warm(site, path)
    RecordFactory(tenant=site["tenant"], title_vi="Quy hoạch khu dân cư mới")
    assert "Quy hoạch khu dân cư mới" in fresh_text(site, path)


def test_a_commune_article_reaches_its_province_but_not_its_neighbour(
    site, province, other_commune
):
    warm(site, "/")
    served_from_cache(visitor(province), "/")
    served_from_cache(visitor(other_commune), "/")
    ArticleFactory(tenant=site["tenant"], category=site["category"], title_vi="Tin mới")
    assert visitor(province).get("/")["X-Page-Cache"] == "miss"
    assert visitor(other_commune).get("/")["X-Page-Cache"] == "hit"


def test_every_counter_a_page_is_stored_under_is_changed_by_a_declared_event(site, page_cache):
    """The entry's key parts are the tree, all-sites and site versions; a declared event
    changes each of them (a page cached under anything else could never be refreshed)."""
    from documents.models import DocumentType
    from tenants.models import Domain

    path = site["article"].get_absolute_url()
    events = {
        "tree": lambda: Domain.objects.filter(tenant=site["tenant"]).first().save(),
        "all sites": lambda: DocumentType.objects.first().save(),
        "site": lambda: site["article"].save(),
    }
    for name, event in events.items():
        warm(site, path)
        event()
        assert visitor(site["tenant"]).get(path)["X-Page-Cache"] == "miss", name
    assert len(cache_dependencies.DEPENDENCY_KEYS) == len(events)


def test_every_model_is_declared_shown_not_shown_or_time_bound():
    from django.apps import apps

    undeclared = [
        label
        for label in cache_dependencies.undeclared_models()
        if not apps.get_model(label).__module__.startswith("tests.")  # test-only models
    ]
    assert undeclared == [], (
        "declare these in their app's caching.py (PAGE_DEPENDENCIES, NOT_SHOWN or TIME_BOUND)"
    )


def test_declarations_name_real_models_and_are_all_connected():
    from django.apps import apps
    from django.db.models.signals import post_save

    declared = cache_dependencies.declared_models()
    for label in set().union(*declared.values()):
        apps.get_model(label)  # raises on a typo
    for label in declared["shown"]:
        model = apps.get_model(label)
        assert post_save.has_listeners(model), label
