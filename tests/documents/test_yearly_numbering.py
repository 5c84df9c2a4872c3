"""Numbering restarts every year: the same number in two years is two documents."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from documents.importing import import_rows
from documents.models import Document
from tests.documents.factories import DocumentFactory


def test_same_number_in_two_years_is_two_documents_found_newest_first(commune, site_client):
    DocumentFactory(tenant=commune, number="12/KH-UBND", issued_on=datetime.date(2023, 5, 2))
    DocumentFactory(tenant=commune, number="12/KH-UBND", issued_on=datetime.date(2024, 4, 9))
    response = site_client(commune).get("/van-ban/", {"q": "12/KH-UBND"})
    years = [d.issued_on.year for d in response.context["page"].items]
    assert years == [2024, 2023]


def test_same_number_in_the_same_year_is_still_refused(commune):
    DocumentFactory(tenant=commune, number="12/KH-UBND", issued_on=datetime.date(2024, 1, 2))
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(tenant=commune, number="12/kh-ubnd", issued_on=datetime.date(2024, 9, 9))


def test_file_import_keys_on_the_year_of_issue(commune):
    row = {
        "so_ky_hieu": "12/KH-UBND",
        "loai_van_ban": "Kế hoạch",
        "co_quan_ban_hanh": "UBND xã",
        "trich_yeu": "Kế hoạch phòng chống thiên tai",
    }
    report = import_rows(
        [{**row, "ngay_ban_hanh": "02/05/2023"}, {**row, "ngay_ban_hanh": "09/04/2024"}], commune
    )
    assert (report.created, report.skipped) == (2, 0)
    again = import_rows([{**row, "ngay_ban_hanh": "09/04/2024"}], commune)
    assert (again.created, again.skipped) == (0, 1)
    assert Document.objects.filter(tenant=commune, number="12/KH-UBND").count() == 2
