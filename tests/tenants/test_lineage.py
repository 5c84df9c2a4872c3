"""Subtree and lineage of a site: one place for the nested-set arithmetic (tenants/models.py)."""

import re
from pathlib import Path

import pytest

from content.models import Article
from documents.selectors import readable_documents
from tenants.models import Tenant
from tests.content.factories import ArticleFactory
from tests.documents.factories import DocumentFactory
from tests.tenants.factories import TenantFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def _fresh(*tenants):
    """The fixtures' lft/rght as the tree holds them after every insertion."""
    for tenant in tenants:
        tenant.refresh_from_db()


def test_subtree_ancestors_and_lineage(province, commune, district, district_commune):
    _fresh(province, commune, district, district_commune)
    assert _ids(Tenant.objects.filter(district.subtree_q())) == {district.pk, district_commune.pk}
    assert _ids(Tenant.objects.filter(district.subtree_q(include_self=False))) == {
        district_commune.pk
    }
    assert _ids(Tenant.objects.filter(district_commune.ancestors_q())) == {
        province.pk,
        district.pk,
        district_commune.pk,
    }
    assert _ids(Tenant.objects.filter(district_commune.ancestors_q(include_self=False))) == {
        province.pk,
        district.pk,
    }
    # What the district inherits and owns: never a sibling branch.
    assert _ids(Tenant.objects.filter(district.lineage_q())) == {
        province.pk,
        district.pk,
        district_commune.pk,
    }


def test_contains_is_this_site_or_below(province, commune, district, district_commune):
    _fresh(province, commune, district, district_commune)
    assert province.contains(district_commune)
    assert district.contains(district_commune)
    assert district.contains(district)
    assert not district.contains(commune)
    assert not district_commune.contains(district)


def test_another_province_is_never_inside(province, commune):
    other = TenantFactory(slug="tinhkhac", name_vi="Tỉnh Khác")
    _fresh(province, commune)
    assert not province.contains(other)
    assert not other.contains(commune)
    assert other.pk not in _ids(Tenant.objects.filter(province.subtree_q()))


def test_querysets_for_subtree_and_for_lineage(province, commune, other_commune, district):
    _fresh(province, commune, other_commune, district)
    mine = ArticleFactory(tenant=commune)
    sibling = ArticleFactory(tenant=other_commune)
    provincial = ArticleFactory(tenant=province)
    assert _ids(Article.objects.for_subtree(commune)) == {mine.pk}
    assert _ids(Article.objects.for_subtree(province)) == {mine.pk, sibling.pk, provincial.pk}
    assert _ids(Article.objects.for_lineage(commune)) == {mine.pk, provincial.pk}


def test_readable_documents_are_the_lineage(province, commune, other_commune):
    own = DocumentFactory(tenant=commune)
    inherited = DocumentFactory(tenant=province)
    DocumentFactory(tenant=other_commune)
    assert _ids(readable_documents(commune)) == {own.pk, inherited.pk}


# A comparison or a lookup on lft/rght; a keyset cursor on the tree order says so with
# the marker. Sorting by "lft" is tree order, not arithmetic, and stays allowed.
HAND_WRITTEN = re.compile(
    r"\b(lft|rght)__|\.(lft|rght)\s*[-+<>=!]|[-+<>=]\s*[\w.\[\]-]*\.(lft|rght)\b"
)
MARKER = "lineage-exempt:"


def test_no_hand_written_subtree_arithmetic_outside_tenants():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        top = relative.parts[0]
        if top in {".venv", "node_modules", "tests", "tenants"} or "migrations" in relative.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HAND_WRITTEN.search(line) and MARKER not in line:
                found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "use Tenant.subtree_q/ancestors_q/lineage_q/contains:\n" + "\n".join(found)


def test_the_source_check_can_fail():
    assert HAND_WRITTEN.search("Q(lft__gte=tenant.lft)")
    assert HAND_WRITTEN.search("root.lft <= t.lft")
    assert HAND_WRITTEN.search("tenant.rght - tenant.lft == 1")
    assert not HAND_WRITTEN.search('Tenant.objects.order_by("tree_id", "lft")')
    assert not HAND_WRITTEN.search("key=lambda t: t.lft")
