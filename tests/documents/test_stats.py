"""What the compliance module reads from documents: counts and dates per requirement
code, admin pages, and documents published more than 5 working days after issue."""

import datetime

import pytest

from documents import stats
from documents.models import DocumentKind
from portal.publishing import PublicationStatus
from tests.documents.factories import ConsultationFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 3, 0, tzinfo=datetime.UTC)


def test_section_counts_and_last_updates_of_the_sites_own_documents(province, commune):
    DocumentFactory(tenant=commune, published_at=at(datetime.date(2026, 3, 2)))
    DocumentFactory(tenant=commune, kind=DocumentKind.DIRECTIVE)
    DocumentFactory(tenant=commune, kind=DocumentKind.TREATY, status=PublicationStatus.DRAFT)
    DocumentFactory(tenant=province, kind=DocumentKind.TREATY)
    consultation = ConsultationFactory(tenant=commune)
    assert stats.section_counts(commune) == {"B1": 2, "B2": 1, "B3": 0}
    dates = stats.last_updated(commune)
    assert set(dates) == {"B1", "B2"} and dates["B2"] == consultation.published_at
    assert stats.section_counts(province)["B3"] == 1
    assert stats.section_admin_url("B2") == "/admin/documents/consultation/"
    assert stats.section_admin_url("B8") == ""


def test_late_documents_in_working_days(commune, other_commune):
    # Issued Fri 13/2/2026, Tết 16–20/2: due Fri 27/2; published Wed 4/3 = 3 working days late.
    late = DocumentFactory(
        tenant=commune,
        issued_on=datetime.date(2026, 2, 13),
        published_at=at(datetime.date(2026, 3, 4)),
    )
    DocumentFactory(
        tenant=commune,
        issued_on=datetime.date(2026, 2, 13),
        published_at=at(datetime.date(2026, 2, 27)),
    )
    DocumentFactory(
        tenant=other_commune,
        issued_on=datetime.date(2026, 2, 13),
        published_at=at(datetime.date(2026, 4, 1)),
    )
    waiting = DocumentFactory(
        tenant=commune,
        issued_on=datetime.date(2026, 3, 2),
        status=PublicationStatus.PENDING,
        published_at=None,
    )
    found = stats.late_records([commune.pk], datetime.date(2026, 1, 1))
    assert [r["title"].split()[0] for r in found] == [late.number, waiting.number]
    first = found[0]
    assert (first["section"], first["deadline"], first["days_late"]) == ("B1", "2026-02-27", 3)
    assert first["admin_url"] == f"/admin/documents/document/{late.pk}/change/"
    assert found[1]["published_on"] is None and found[1]["days_late"] > 100
    assert stats.late_records([commune.pk], datetime.date(2026, 3, 3)) == []
