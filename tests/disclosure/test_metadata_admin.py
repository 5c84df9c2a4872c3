"""A record's machine-readable metadata is edited as "name: value" lines, not raw JSON;
saving keeps every pair and the type of every value that was not changed."""

import pytest
from django.urls import reverse

from disclosure.forms import MetadataField
from disclosure.models import Section
from tests.disclosure.factories import RecordFactory
from tests.portal.admin_forms import as_submitted

pytestmark = pytest.mark.django_db

METADATA = {
    "keywords": "quy hoạch, đất đai",
    "dct:license": "https://creativecommons.org/licenses/by/4.0/",
    "year": 2026,
    "open": True,
    "note": "",
}


@pytest.fixture
def record(commune):
    return RecordFactory(
        tenant=commune, section=Section.LAND, metadata=METADATA, status="draft", published_at=None
    )


def change_url(record) -> str:
    return reverse("admin:disclosure_landrecord_change", args=[record.pk])


def test_metadata_is_shown_as_lines(record, commune_editor, site_client):
    client = site_client(record.tenant, commune_editor)
    page = client.get(change_url(record))
    form = page.context["adminform"].form
    assert isinstance(form.fields["metadata"], MetadataField)
    # One line a pair (jsonb keeps its own key order).
    assert sorted(as_submitted(page)["metadata"].splitlines()) == [
        "dct:license: https://creativecommons.org/licenses/by/4.0/",
        "keywords: quy hoạch, đất đai",
        "note:",
        "open: true",
        "year: 2026",
    ]


def test_saving_untouched_keeps_every_pair_and_its_type(record, commune_editor, site_client):
    client = site_client(record.tenant, commune_editor)
    data = as_submitted(client.get(change_url(record)))
    response = client.post(change_url(record), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record.refresh_from_db()
    assert record.metadata == METADATA
    assert type(record.metadata["year"]) is int and record.metadata["open"] is True


def test_a_changed_or_added_line_is_stored_as_typed(record, commune_editor, site_client):
    client = site_client(record.tenant, commune_editor)
    data = as_submitted(client.get(change_url(record)))
    data["metadata"] = data["metadata"].replace("year: 2026", "year: 2027") + "\nsource: Sở TN&MT"
    assert client.post(change_url(record), data).status_code == 302
    record.refresh_from_db()
    assert record.metadata == {**METADATA, "year": "2027", "source": "Sở TN&MT"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("keywords quy hoạch", "Dòng 1: viết “tên: giá trị”"),
        ("keywords: a\n: b", "Dòng 2: thiếu tên trước dấu hai chấm."),
        ("keywords: a\n\nkeywords: b", "Dòng 3: tên “keywords” đã có ở dòng trên."),
    ],
)
def test_a_malformed_line_is_named_and_nothing_is_lost(
    record, commune_editor, site_client, text, message
):
    client = site_client(record.tenant, commune_editor)
    data = as_submitted(client.get(change_url(record)))
    data["metadata"] = text
    response = client.post(change_url(record), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["metadata"])
    record.refresh_from_db()
    assert record.metadata == METADATA
