import pytest

from dialogue.models import InquiryStatus
from dialogue.search_index import SOURCES, entries
from tests.portal.sitemap_client import sitemap_text

from .factories import InquiryFactory, PublishedInquiryFactory

pytestmark = pytest.mark.django_db


def test_published_qa_is_indexed_without_contact_data(commune):
    published = PublishedInquiryFactory(tenant=commune, title="Cấp phép xây dựng")
    InquiryFactory(tenant=commune, status=InquiryStatus.ANSWERED)
    (entry,) = entries(published)
    assert entry.url == f"/hoi-dap/{published.pk}/" and entry.tenant_id == commune.pk
    assert "Hồ sơ nộp tại Bộ phận Một cửa." in entry.body
    for private in ("Nguyễn Thị Lan", "lan@example.com", "0912", published.tracking_code):
        assert private not in f"{entry.title} {entry.body} {entry.reference}"
    assert list(SOURCES[0].indexable()) == [published]
    published.status = InquiryStatus.ANSWERED
    assert entries(published) == []


def test_sitemap_lists_published_qa_and_sessions_of_the_site_only(
    commune, other_commune, site_client
):
    from .factories import SessionFactory

    mine = PublishedInquiryFactory(tenant=commune)
    theirs = PublishedInquiryFactory(tenant=other_commune)
    session = SessionFactory(tenant=commune)
    xml = sitemap_text(site_client(commune))
    assert f"/hoi-dap/{mine.pk}/" in xml and f"/hoi-dap/{theirs.pk}/" not in xml
    assert f"/doi-thoai/{session.slug}/" in xml and "/khao-sat/" in xml
