"""What the compliance module reads from the content app (docs/compliance.md): items per
requirement code, when each was last updated, the admin page of each, English copies
older than their Vietnamese, and articles published later than the default deadline."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils import timezone

from portal import deadlines
from portal.publishing import PublicationStatus
from portal.workdays import working_days_between
from tenants.models import Tenant

from .models import (
    Alert,
    Article,
    Banner,
    CategoryKind,
    ContactOfficial,
    Leader,
    Link,
    LocalityPage,
    OrgUnit,
)

LEGAL_KINDS = (CategoryKind.LEGAL_DISSEMINATION, CategoryKind.POLICIES)  # B5
NEWS_KINDS = tuple(kind for kind in CategoryKind if kind not in LEGAL_KINDS)  # B15
ABOUT_MODELS = (OrgUnit, Leader, ContactOfficial)  # B13, structured
ADMIN_LISTS = {
    "B5": "admin:content_article_changelist",
    "B13": "admin:content_orgunit_changelist",
    "B14": "admin:content_localitypage_changelist",
    "B15": "admin:content_article_changelist",
    "B16": "admin:content_link_changelist",
    "B18": "admin:content_alert_changelist",
}


def _articles(tenant: Tenant):
    return Article.objects.for_tenant(tenant).published().order_by()


def section_counts(tenant: Tenant) -> dict[str, int]:
    """Published articles (B5, B15), structured About records (B13), locality pages
    (B14), manual links and active banners (B16), urgent notices ever set up (B18)."""
    articles = _articles(tenant).aggregate(
        legal=Count("pk", filter=Q(category__kind__in=LEGAL_KINDS)),
        news=Count("pk", filter=Q(category__kind__in=NEWS_KINDS)),
    )
    return {
        "B5": articles["legal"],
        "B13": sum(model.objects.for_tenant(tenant).count() for model in ABOUT_MODELS),
        "B14": LocalityPage.objects.for_tenant(tenant).count(),
        "B15": articles["news"],
        "B16": Link.objects.for_tenant(tenant).count()
        + Banner.objects.for_tenant(tenant).filter(is_active=True).count(),
        "B18": Alert.objects.for_tenant(tenant).count(),
    }


def last_updated(tenant: Tenant) -> dict[str, datetime]:
    """Latest publication of legal (B5) and news (B15) articles; latest Vietnamese edit of
    the structured About records (B13). Codes with no date are absent."""
    latest = _articles(tenant).aggregate(
        B5=Max("published_at", filter=Q(category__kind__in=LEGAL_KINDS)),
        B15=Max("published_at", filter=Q(category__kind__in=NEWS_KINDS)),
    )
    about = [
        model.objects.for_tenant(tenant).aggregate(at=Max("vi_updated_at"))["at"]
        for model in ABOUT_MODELS
    ]
    latest["B13"] = max((at for at in about if at), default=None)
    return {code: at for code, at in latest.items() if at}


def section_admin_url(code: str) -> str:
    name = ADMIN_LISTS.get(code)
    return reverse(name) if name else ""


def stale_translations(tenant: Tenant) -> list[dict]:
    """English copies of the About records whose Vietnamese changed after them
    (REQUIREMENTS C: English is mandatory for structure, mandate and contact officials)."""
    stale = []
    for model in ABOUT_MODELS:
        for obj in model.objects.for_tenant(tenant).order_by("pk"):
            if obj.english_is_stale:
                stale.append(
                    {
                        "title": str(obj),
                        "model": str(model._meta.verbose_name),
                        "vi_updated_at": obj.vi_updated_at.isoformat() if obj.vi_updated_at else "",
                        "en_updated_at": obj.en_updated_at.isoformat() if obj.en_updated_at else "",
                        "admin_url": reverse(
                            f"admin:content_{model._meta.model_name}_change", args=[obj.pk]
                        ),
                    }
                )
    return stale


def _late(article: Article, deadline: date, reference: date, published: bool) -> dict:
    return {
        "title": article.title,
        "section": "B5" if article.category.kind in LEGAL_KINDS else "B15",
        "created_on": timezone.localdate(article.created_at).isoformat(),
        "deadline": deadline.isoformat(),
        "published_on": reference.isoformat() if published else None,
        "days_late": working_days_between(deadline, reference),
        "day_kind": "working",
        "legal_basis": deadlines.LEGAL_BASIS,
        "admin_url": reverse("admin:content_article_change", args=[article.pk]),
    }


def late_records(tenant_ids, since: date) -> list[dict]:
    """Articles created on/after `since` and published more than 5 working days after
    they were written, or submitted for approval and still waiting past that deadline."""
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(since, datetime.min.time()))
    # SQL narrows by calendar days, Python counts working days exactly.
    candidates = (
        Article.objects.filter(tenant_id__in=list(tenant_ids), created_at__gte=start)
        .not_trashed()
        .filter(
            Q(
                status=PublicationStatus.PUBLISHED,
                published_at__gt=F("created_at") + deadlines.AT_LEAST,
            )
            | Q(
                status=PublicationStatus.PENDING, created_at__lt=timezone.now() - deadlines.AT_LEAST
            )
        )
        .select_related("category")
        .order_by("created_at", "id")
    )
    found = []
    for article in candidates:
        deadline = deadlines.publication_deadline(timezone.localdate(article.created_at))
        published = article.status == PublicationStatus.PUBLISHED
        reference = timezone.localdate(article.published_at) if published else today
        if reference > deadline:
            found.append(_late(article, deadline, reference, published))
    return found
