"""The Nu HTML Checker (vnu.jar from the npm package vnu-jar, installed by .ci/run in
tests/demo/html_checker) finds no error on any public page type of the demo, both
languages. (tests/e2e/test_every_page.py checks the e2e world's pages the same way.)"""

import pytest
from django.test import Client
from django.utils import translation

from tests.demo.nu_checker import nu_errors

pytestmark = pytest.mark.django_db


def test_every_page_type_is_valid_html(demo_pages, tmp_path):
    documents = {}
    for kind, (host, path) in sorted(demo_pages.items()):
        response = Client(HTTP_HOST=host).get(path)
        translation.activate("vi")
        assert response.status_code == 200, (kind, path)
        documents[kind] = response.content
    errors = nu_errors(documents, tmp_path)
    print(f"\nNu HTML checker: {len(documents)} pages, {sum(map(len, errors.values()))} errors")
    for kind, found in sorted(errors.items()):
        print(f"  {kind}: {len(found)} — {found[:2]}")
    assert len(documents) > 60
    assert errors == {}
