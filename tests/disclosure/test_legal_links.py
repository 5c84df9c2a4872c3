"""Reference decisions link to the documents module through one function, whichever way
the number is spelt; without that module the number shows as plain text."""

import sys
import types

import pytest

from disclosure.legal_links import number_key, reference_url
from tests.disclosure.factories import RecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents_lookup(monkeypatch):
    """The documents module's lookup (built in parallel), as its contract states it."""
    calls = []

    def document_urls_by_number(numbers, tenant):
        calls.append((list(numbers), tenant))
        return {"12/qđ-ubnd": "/van-ban/12-qd-ubnd/"}

    module = types.ModuleType("documents.lookup")
    module.document_urls_by_number = document_urls_by_number
    monkeypatch.setitem(sys.modules, "documents.lookup", module)
    return calls


def test_number_keys_ignore_case_spaces_and_diacritics():
    assert number_key("12/QĐ-UBND") == number_key(" 12 / qđ-ubnd ") == "12/QD-UBND"


def test_detail_links_the_decision_when_the_document_exists(commune, site_client, documents_lookup):
    record = RecordFactory(tenant=commune, reference_number="12/QĐ-UBND")
    assert reference_url(record) == "/van-ban/12-qd-ubnd/"
    assert documents_lookup[0] == (["12/QĐ-UBND"], commune)
    body = site_client(commune).get(record.get_absolute_url()).content.decode()
    assert '<a href="/van-ban/12-qd-ubnd/">12/QĐ-UBND</a>' in body


def test_without_the_documents_module_the_number_is_plain_text(commune, site_client):
    record = RecordFactory(tenant=commune, reference_number="99/QĐ-UBND")
    assert reference_url(record) is None
    body = site_client(commune).get(record.get_absolute_url()).content.decode()
    assert "99/QĐ-UBND" in body and 'href="/van-ban/' not in body
