import pytest

from dialogue.models import InquiryStatus
from dialogue.search_index import SOURCES, entries

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
