"""Issue 22, goal 3: an article page weighs less than 12 KB of HTML (Vietnamese, anonymous),
side lists included. Measured on the demo province with `seed_bulk` articles, the data of
docs/performance.md (where the province has more than 12 sites below it, as a real one
does: the footer then links the site tree instead of listing each site)."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from content.models import Article
from tenants.models import Tenant
from tests.tenants.factories import TenantFactory

pytestmark = pytest.mark.django_db

LIMIT = 12_000  # bytes


def _bulk_article_with_side_lists() -> tuple[Tenant, Article]:
    province = Tenant.objects.get(parent__isnull=True)
    for n in range(13):
        TenantFactory(parent=province, slug=f"xacanthiet{n}", name_vi=f"Xã Cân Thiết {n}")
    call_command("seed_bulk", articles=30, stdout=io.StringIO())
    bulk = list(Article.objects.filter(tenant=province, author="Bộ sinh dữ liệu").order_by("pk"))
    article = bulk[-1]
    others = [a for a in bulk if a.category_id != article.category_id]
    article.related.set(others[:3])
    for views, read in enumerate(bulk[:10]):
        Article.objects.filter(pk=read.pk).update(view_count=100 + views)
    return province, article


def _items(html: str, heading_id: str) -> int:
    section = html.split(f'id="{heading_id}"')[1].split("</section>")[0]
    return len(re.findall(r"<a href=", section))


def test_a_bulk_article_with_its_side_lists_weighs_less_than_12_kb(demo):
    province, article = _bulk_article_with_side_lists()
    client = Client(HTTP_HOST=province.domains.get(is_primary=True).hostname)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    # The page measured is the whole one: three side lists, the ND 42 footer.
    assert [
        _items(html, h) for h in ("related-title", "same-category-title", "most-read-title")
    ] == [
        3,
        5,
        5,
    ]
    for required in (
        province.responsible_person,
        province.address,
        province.email,
        province.phone,
        province.license_text,
    ):
        assert required and required in html
    assert len(response.content) < LIMIT, f"{len(response.content)} bytes"
