"""How the content app's models follow a site merge (see tenants/lifecycle/rules.py)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tenants.lifecycle.common import absolute_url, unfinished_workflow
from tenants.lifecycle.context import BatchResult, MoveContext, free_slug
from tenants.lifecycle.moving import url_of
from tenants.lifecycle.rules import How, MoveRule, OnClash
from tenants.models import Provenance
from tenants.redirects import record_redirect

OLD_BODY = _("Tổ chức, nhân sự của cơ quan cũ: giữ ở trang lưu trữ.")
FURNITURE = _("Liên kết, banner, thông báo của trang cũ: giữ ở trang lưu trữ.")


def move_categories(ctx: MoveContext, rule: MoveRule) -> BatchResult:
    """Categories in tree order: one whose slug the target has merges into the target's
    (or, kept apart, takes a new slug); children of a merged one move under its twin."""
    from .models import Category

    merge = ctx.clash_mode(rule) == OnClash.MERGE
    result = BatchResult(done=True)
    label = Category._meta.label_lower
    chosen = Category.objects.filter(tenant=ctx.source)
    if ctx.selection is not None:
        chosen = chosen.filter(pk__in=ctx.selection.get(rule.label, []))
    for pk in list(chosen.order_by("tree_id", "lft").values_list("pk", flat=True)):
        category = Category.objects.get(pk=pk)
        old_path = url_of(rule, category)
        twin = Category.objects.filter(tenant=ctx.target, slug=category.slug).first()
        if twin is not None and merge:
            ctx.remember_merge(rule.label, category.pk, twin.pk)
            _provenance(ctx, label, category, old_path, url_of(rule, twin), merged=twin.pk)
            result.moved += 1
            continue
        new_parent = ctx.merged_map(rule.label).get(category.parent_id)
        if new_parent is not None:
            category.move_to(Category.objects.get(pk=new_parent), "last-child")
        elif category.parent_id and ctx.selection is not None:
            # Split off without its parent: it becomes a top-level category of the target.
            parent = Category.objects.get(pk=category.parent_id)
            if parent.tenant_id == ctx.source.pk:
                category.move_to(None)
                category = Category.objects.get(pk=pk)
        slug = category.slug
        if twin is not None:
            slug = free_slug(
                category.slug,
                ctx.source.slug,
                200,
                lambda s: Category.objects.filter(tenant=ctx.target, slug=s).exists(),
            )
        Category.objects.filter(pk=pk).update(tenant=ctx.target, slug=slug)
        category.slug = slug
        new_path = url_of(rule, category)
        if old_path != new_path or ctx.selection is not None:
            for host in ctx.source_hosts:
                record_redirect(
                    hostname=host,
                    path=old_path,
                    target_host=ctx.target_host,
                    target_path=new_path,
                    reason=ctx.reason,
                    tenant=ctx.target,
                )
                result.redirects += 1
        _provenance(ctx, label, category, old_path, new_path)
        result.moved += 1
    return result


def _provenance(ctx, label, obj, old_path, new_path, merged=None) -> None:
    with transaction.atomic():
        Provenance.objects.get_or_create(
            operation=ctx.operation,
            model_label=label,
            object_id=str(obj.pk),
            defaults={
                "former_tenant": ctx.source,
                "former_name": ctx.source.name,
                "former_url": f"{ctx.source_hosts[0]}{old_path}" if ctx.source_hosts else "",
                "new_url": f"{ctx.target_host}{new_path}",
                "path_changed": old_path != new_path,
                "merged_into": str(merged or ""),
            },
        )


def split_selection(source, category_ids) -> dict[str, list[int]]:
    """What splitting these categories off takes along: the categories with their
    sub-categories, their articles and those articles' cover images. (Proposals name the
    parent portal as their site: they stay, following the article.)"""
    from .models import Article, Category

    categories: set[int] = set()
    for category in Category.objects.filter(tenant=source, pk__in=list(category_ids)):
        categories.update(category.get_descendants(include_self=True).values_list("pk", flat=True))
    articles = Article._base_manager.filter(tenant=source, category_id__in=categories)
    covers = articles.exclude(cover=None).values_list("cover_id", flat=True)
    return {
        "content.Category": sorted(categories),
        "content.Article": sorted(articles.values_list("pk", flat=True)),
        "content.Image": sorted(set(covers)),
    }


def locality_url(page) -> str:
    return reverse("content:locality", args=[page.slug])


MOVE_RULES = [
    MoveRule(
        "content.Category",
        how=How.CUSTOM,
        kind=_("Chuyên mục"),
        unique=("slug",),
        on_clash=OnClash.MERGE,
        url=absolute_url,
        mover=move_categories,
        order=20,
    ),
    MoveRule("content.Image", kind=_("Ảnh, tệp đa phương tiện"), order=25),
    MoveRule(
        "content.Article",
        kind=_("Tin bài"),
        unique=("slug",),
        url=absolute_url,
        remap={"category": "content.Category"},
        unfinished=unfinished_workflow,
        order=30,
    ),
    MoveRule(
        "content.Syndication",
        kind=_("Đề xuất hội tụ"),
        unique=("article",),
        on_clash=OnClash.SKIP,
        order=40,
    ),
    MoveRule(
        "content.LocalityPage",
        kind=_("Trang giới thiệu địa phương"),
        unique=("slug",),
        url=locality_url,
    ),
    MoveRule("content.HistoryEntry", kind=_("Lịch sử hình thành")),
    MoveRule("content.OrgUnit", how=How.STAY, kind=_("Cơ cấu tổ chức"), reason=OLD_BODY),
    MoveRule("content.Leader", how=How.STAY, kind=_("Lãnh đạo"), reason=OLD_BODY),
    MoveRule("content.ContactOfficial", how=How.STAY, kind=_("Đầu mối liên hệ"), reason=OLD_BODY),
    MoveRule("content.Link", how=How.STAY, kind=_("Liên kết"), reason=FURNITURE),
    MoveRule("content.Banner", how=How.STAY, kind=_("Banner"), reason=FURNITURE),
    MoveRule("content.Alert", how=How.STAY, kind=_("Thông báo nổi"), reason=FURNITURE),
    MoveRule("content.SiteHero", how=How.STAY, kind=_("Ảnh bìa trang chủ"), reason=FURNITURE),
]
