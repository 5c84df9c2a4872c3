"""Tenant isolation across every registered model and URL (see harness.py)."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tests.isolation.harness import discover_cases, localized

CASES = discover_cases()
PUBLIC_CASES = [c for c in CASES if c.list_urls or c.detail_urls is not None]
ADMIN_CASES = [c for c in CASES if c.admin_model is not None]


def _marker() -> str:
    return f"MARK{uuid.uuid4().hex[:12]}"


def _text(response) -> str:
    """The body, whether sent whole or streamed (CSV downloads)."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _admin_url(model, name, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}", args=args)


@pytest.mark.parametrize("case", PUBLIC_CASES, ids=str)
def test_public_urls_show_an_object_only_on_its_own_site(case, commune, other_commune, site_client):
    marker = _marker()
    obj = case.make(commune, marker)
    own, other = site_client(commune), site_client(other_commune)
    for prefix in case.languages:
        for path in case.detail_urls(obj):
            url = localized(prefix, path)
            response = own.get(url)
            assert response.status_code == 200, url
            assert marker in _text(response), url
            assert other.get(url).status_code == 404, url
        for path in case.list_urls:
            url = localized(prefix, path)
            response = other.get(url)
            assert response.status_code == 200, url
            assert marker not in _text(response), url
            if case.list_shows_marker:
                assert marker in _text(own.get(url)), url


@pytest.mark.parametrize("case", ADMIN_CASES, ids=str)
def test_other_sites_editor_can_neither_list_open_nor_change_the_object(
    case, commune, other_commune, other_commune_editor
):
    client = Client(HTTP_HOST="xab.portal.test")
    marker = _marker()
    obj = case.make(commune, marker)
    client.force_login(other_commune_editor)
    changelist = client.get(_admin_url(case.admin_model, "changelist"))
    assert marker not in changelist.content.decode()
    change_url = _admin_url(case.admin_model, "change", obj.pk)
    assert client.get(change_url).status_code == 403
    before = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    forged = client.post(change_url, {"tenant": other_commune.pk, "_save": "1"})
    assert forged.status_code == 403
    obj.refresh_from_db()
    assert {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields} == before


@pytest.mark.parametrize("case", ADMIN_CASES, ids=str)
def test_auditor_reads_the_object_but_cannot_change_it(case, commune, auditor):
    client = Client(HTTP_HOST="portal.test")
    marker = _marker()
    obj = case.make(commune, marker)
    client.force_login(auditor)
    change_url = _admin_url(case.admin_model, "change", obj.pk)
    response = client.get(change_url)
    assert response.status_code == 200
    assert b'name="_save"' not in response.content
    assert client.post(change_url, {"_save": "1"}).status_code == 403
