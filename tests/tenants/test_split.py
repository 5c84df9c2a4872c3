"""Splitting a site: chosen categories (with their articles) move to a new site, the
source stays live, and every moved item's old URL answers 301 to its new one."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from content.models import Article, Category
from search.models import SearchEntry
from tenants.lifecycle.context import LifecycleError
from tenants.lifecycle.merge import execute
from tenants.lifecycle.plan import NewSite
from tenants.lifecycle.split import plan_split, split_site
from tenants.models import OperationState, Provenance, Tenant
from tests.content.factories import ArticleFactory, CategoryFactory
from tests.search.factories import index_all
from tests.tenants.factories import TenantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(province):
    """A ward whose tourism section becomes the site of a new tourism board."""
    town = TenantFactory(parent=province, slug="phuong", name_vi="Phường Cũ", hostname="p.test")
    news = CategoryFactory(tenant=town, slug="tin-tuc")
    tourism = CategoryFactory(tenant=town, slug="du-lich")
    CategoryFactory(tenant=town, slug="le-hoi", parent=tourism)
    for n in range(3):
        ArticleFactory(tenant=town, category=news, title_vi=f"Tin {n}")
        ArticleFactory(tenant=town, category=tourism, title_vi=f"Du lịch {n}")
    ArticleFactory(tenant=town, category=Category.objects.get(slug="le-hoi"), slug="hoi-lang")
    index_all()
    return town


def new_board(province):
    return NewSite(name="Ban Du lịch", slug="dulich", hostname="dulich.test", parent_id=province.pk)


def split(town, province, **kwargs):
    tourism = Category.objects.get(tenant=town, slug="du-lich")
    plan = plan_split(town, new_board(province), categories=[tourism.pk])
    operation = split_site(town, new_board(province), plan=plan, run=False)
    return plan, execute(operation.pk, **kwargs)


def test_preview_counts_what_leaves(town, province):
    tourism = Category.objects.get(tenant=town, slug="du-lich")
    plan = plan_split(town, new_board(province), categories=[tourism.pk])
    assert plan.errors == []
    lines = {line.label: line for line in plan.lines}
    assert lines["content.Category"].count == 2  # du-lich and its le-hoi
    assert lines["content.Article"].count == 4
    assert lines["tenants.Membership"].count == 0  # only what was chosen
    assert plan.host_rules == []  # the source stays live
    assert plan.redirect_count == 6  # 2 categories + 4 articles, one hostname
    assert Article.objects.filter(tenant=town).count() == 7  # a dry run


def test_split_moves_the_chosen_items_and_their_old_urls_answer_301(town, province):
    tourism_urls = [a.get_absolute_url() for a in Article.objects.filter(category__slug="du-lich")]
    news = Article.objects.filter(tenant=town, category__slug="tin-tuc").first()
    _plan, operation = split(town, province)

    assert operation.state == OperationState.DONE
    board = Tenant.objects.get(slug="dulich")
    assert Article.objects.filter(tenant=board).count() == 4
    assert Article.objects.filter(tenant=town).count() == 3
    assert Category.objects.get(tenant=board, slug="du-lich").parent is None
    town.refresh_from_db()
    assert town.is_active and not town.is_archived
    for path in tourism_urls:
        response = Client(HTTP_HOST="p.test").get(path)
        assert response.status_code == 301, path
        new = urlsplit(response["Location"])
        assert new.hostname == "dulich.test"
        assert Client(HTTP_HOST=new.hostname).get(new.path).status_code == 200
    assert Client(HTTP_HOST="p.test").get(news.get_absolute_url()).status_code == 200
    moved = Provenance.objects.filter(operation=operation, model_label="content.article")
    assert moved.count() == 4 and {p.former_name for p in moved} == {"Phường Cũ"}
    assert SearchEntry.objects.filter(tenant=board, model_label="content.article").count() == 4
    assert SearchEntry.objects.filter(tenant=town, model_label="content.article").count() == 3


def test_an_interrupted_split_resumed_ends_like_an_uninterrupted_one(town, province):
    tourism = Category.objects.get(tenant=town, slug="du-lich")
    plan = plan_split(town, new_board(province), categories=[tourism.pk])
    operation = split_site(town, new_board(province), plan=plan, run=False)
    half = execute(operation.pk, batch_size=2, max_batches=2)
    assert half.state == OperationState.RUNNING
    done = execute(operation.pk, batch_size=2)
    assert done.state == OperationState.DONE
    board = Tenant.objects.get(slug="dulich")
    assert Article.objects.filter(tenant=board).count() == 4
    assert (
        Provenance.objects.filter(operation=operation, model_label="content.article").count() == 4
    )


def test_bad_choices_are_refused_with_a_message(town, province):
    assert "Chọn ít nhất một" in " ".join(plan_split(town, new_board(province)).errors)
    tourism = Category.objects.get(tenant=town, slug="du-lich")
    plan = plan_split(town, town, categories=[tourism.pk])
    assert any("sang chính nó" in e for e in plan.errors)
    with pytest.raises(LifecycleError, match="sang chính nó"):
        split_site(town, town, plan=plan, run=False)
    other = TenantFactory(parent=province, slug="khac", hostname="khac.test")
    stranger = ArticleFactory(tenant=other)
    plan = plan_split(town, new_board(province), items={"content.Article": [stranger.pk]})
    assert any("không thuộc" in e for e in plan.errors)
    taken = NewSite(name="X", slug="x", hostname="khac.test")
    assert any("khac.test" in e for e in plan_split(town, taken, categories=[tourism.pk]).errors)
    # Started twice: the second waits for the first.
    plan = plan_split(town, new_board(province), categories=[tourism.pk])
    split_site(town, new_board(province), plan=plan, run=False)
    with pytest.raises(LifecycleError, match="chưa hoàn tất"):
        split_site(town, other, plan=plan_split(town, other, categories=[tourism.pk]), run=False)


def test_split_command_previews_then_runs(town, province):
    out = StringIO()
    args = ["split", "phuong", "--categories", "du-lich", "--new-name", "Ban Du lịch"]
    args += ["--new-slug", "dulich", "--new-hostname", "dulich.test", "--new-parent", "tinh"]
    call_command("site_lifecycle", *args, "--dry-run", stdout=out)
    assert "Tin bài: 4 mục" in out.getvalue() and "Chạy thử" in out.getvalue()
    call_command("site_lifecycle", *args, stdout=StringIO())
    assert Article.objects.filter(tenant__slug="dulich").count() == 4
    with pytest.raises(CommandError, match="Không có chuyên mục"):
        call_command("site_lifecycle", "split", "phuong", "--categories", "khong", "--into", "tinh")
