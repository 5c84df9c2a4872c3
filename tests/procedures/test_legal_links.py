"""The legal basis links to the documents module through one function, when it exists."""

import sys
import types

from procedures.legal_links import legal_references


def test_without_the_documents_module_the_legal_basis_is_plain_text(province):
    refs = legal_references([{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}], province)
    assert [(r.number, r.title, r.url) for r in refs] == [("60/2014/QH13", "Luật Hộ tịch", "")]


def test_documents_the_module_holds_are_linked_whatever_the_spelling(province, monkeypatch):
    calls = []

    def document_urls_by_number(numbers, tenant):
        # The contract of documents.lookup, as the documents module will provide it.
        calls.append((list(numbers), tenant))
        return {"123/2015/NĐ-CP": "/van-ban/123-2015-nd-cp/"}

    module = types.ModuleType("documents.lookup")
    module.document_urls_by_number = document_urls_by_number
    monkeypatch.setitem(sys.modules, "documents.lookup", module)
    refs = legal_references(
        [
            {"number": "123/2015/nđ-cp ", "title": "Nghị định"},
            {"number": "", "title": "Quyết định khác"},
        ],
        province,
    )
    assert [r.url for r in refs] == ["/van-ban/123-2015-nd-cp/", ""]
    assert calls == [(["123/2015/nđ-cp "], province)]
