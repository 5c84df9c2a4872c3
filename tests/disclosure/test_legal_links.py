"""Reference decisions link to the documents module, whichever way the number is spelt;
a number the module does not hold shows as plain text."""

import pytest

from disclosure.legal_links import number_key, reference_url
from tests.disclosure.factories import RecordFactory
from tests.documents.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_number_keys_ignore_case_spaces_and_diacritics():
    assert number_key("12/QĐ-UBND") == number_key(" 12 / qđ-ubnd ") == "12/QD-UBND"


def test_detail_links_the_decision_when_the_document_exists(commune, site_client):
    document = DocumentFactory(tenant=commune, number="12/QĐ-UBND")
    record = RecordFactory(tenant=commune, reference_number="12/qđ-ubnd")
    assert reference_url(record) == document.get_absolute_url()
    body = site_client(commune).get(record.get_absolute_url()).content.decode()
    assert f'<a href="{document.get_absolute_url()}">12/qđ-ubnd</a>' in body


def test_without_such_a_document_the_number_is_plain_text(commune, other_commune, site_client):
    DocumentFactory(tenant=other_commune, number="99/QĐ-UBND")  # a sibling's: not visible
    record = RecordFactory(tenant=commune, reference_number="99/QĐ-UBND")
    assert reference_url(record) is None
    body = site_client(commune).get(record.get_absolute_url()).content.decode()
    assert "99/QĐ-UBND" in body and ">99/QĐ-UBND</a>" not in body
