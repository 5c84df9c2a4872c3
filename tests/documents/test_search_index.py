from documents.search_index import SOURCES, consultation_entries, document_entries
from portal.publishing import PublicationStatus
from tests.documents.factories import ConsultationFactory, DocumentFactory


def test_published_document_is_indexed_with_its_number_as_reference(commune):
    document = DocumentFactory(tenant=commune, number="15/2024/QĐ-UBND", summary_en="")
    (entry,) = document_entries(document)
    assert entry.reference == "15/2024/QĐ-UBND"
    assert entry.url == f"/van-ban/{document.pk}/" and entry.tenant_id == commune.pk
    assert entry.language == "vi" and "Quy định quản lý đất đai" in entry.body


def test_english_entry_only_with_english_text_and_drafts_not_indexed(commune):
    document = DocumentFactory(tenant=commune, summary_en="Land rules")
    assert [e.language for e in document_entries(document)] == ["vi", "en"]
    draft = DocumentFactory(tenant=commune, status=PublicationStatus.DRAFT)
    assert document_entries(draft) == []
    assert draft not in SOURCES[0].indexable()
    assert [e.language for e in consultation_entries(ConsultationFactory(tenant=commune))] == [
        "vi",
        "en",
    ]
