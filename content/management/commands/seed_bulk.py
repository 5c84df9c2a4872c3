"""Generate many published articles quickly (bulk_create) for load tests."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from content import caching
from content.models import Article, Category, CategoryKind
from portal.publishing import PublicationStatus
from tenants.models import Tenant

BODY = (
    "<p>Nội dung tin bài được tạo tự động để kiểm thử tải. Ủy ban nhân dân triển khai "
    "kế hoạch, các phòng ban phối hợp thực hiện, bảo đảm tiến độ đề ra.</p>"
)


class Command(BaseCommand):
    help = "Create N published articles in one site (default: the provincial portal)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--articles", type=int, required=True)
        parser.add_argument("--tenant", help="slug of the site (default: the root site)")
        parser.add_argument("--batch", type=int, default=5000)

    def handle(self, *args, articles: int, tenant: str | None, batch: int, **options) -> None:
        if articles <= 0:
            raise CommandError("--articles must be positive")
        site = (
            Tenant.objects.filter(slug=tenant).first()
            if tenant
            else Tenant.objects.filter(parent__isnull=True).order_by("pk").first()
        )
        if site is None:
            raise CommandError("No such site; run seed_demo first or give --tenant.")
        categories = list(Category.objects.for_tenant(site).filter(level=0))
        if not categories:
            categories = [
                Category.objects.create(
                    tenant=site, name_vi="Tin tức", name_en="News", kind=CategoryKind.NEWS
                )
            ]
        started = time.monotonic()
        run = uuid.uuid4().hex[:6]
        now = timezone.now()
        made = 0
        while made < articles:
            size = min(batch, articles - made)
            rows = [self._article(site, categories, run, made + i, now) for i in range(size)]
            with transaction.atomic():
                Article.objects.bulk_create(rows, batch_size=size)
            made += size
            self.stdout.write(f"  {made}/{articles}")
        caching.bump(site.pk, site.parent_id)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{articles} articles in {site} in {elapsed:.1f} s "
                f"({articles / elapsed:.0f} articles/s)"
            )
        )

    @staticmethod
    def _article(site, categories, run: str, n: int, now) -> Article:
        title = f"Tin kiểm thử tải số {n + 1} ({run})"
        return Article(
            tenant=site,
            category=categories[n % len(categories)],
            title_vi=title,
            title_en=f"Load test article {n + 1} ({run})" if n % 5 == 0 else None,
            slug=f"tai-{run}-{n + 1}",
            summary_vi=f"Tóm tắt của {title.lower()}.",
            body_vi=BODY,
            author="Bộ sinh dữ liệu",
            status=PublicationStatus.PUBLISHED,
            # Spread over time, newest first, with ties on purpose (same minute).
            published_at=now - timedelta(days=2, minutes=n // 2),
        )
