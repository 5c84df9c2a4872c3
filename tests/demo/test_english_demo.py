"""The demo's English pages read in English: leaders' titles and biographies, history and
locality titles, the licence line, link labels and the issuers of documents."""

import html
import re

import pytest
from django.test import Client
from django.utils import translation

from documents.models import Document

pytestmark = pytest.mark.django_db


def _english(host: str, path: str) -> str:
    response = Client(HTTP_HOST=host).get(path)
    translation.activate("vi")
    assert response.status_code == 200, path
    return html.unescape(response.content.decode())


def _main(page: str) -> str:
    return re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", page.split("<main", 1)[1].split("</main>")[0])
    )


def test_leaders_history_and_locality_are_in_english(demo):
    leaders = _main(_english("localhost", "/en/gioi-thieu/lanh-dao/"))
    assert "Chairman of the People's Committee" in leaders and " Leader " not in leaders
    assert "Born in 1975" in leaders and "Sinh năm" not in leaders
    assert "General direction" in leaders and "Phụ trách" not in leaders
    history = _main(_english("localhost", "/en/gioi-thieu/lich-su/"))
    assert "The revolutionary government is founded" in history and "Thành lập" not in history
    about = _english("localhost", "/en/gioi-thieu/")
    assert "Natural conditions" in about and "Điều kiện tự nhiên" not in about


def test_footer_and_links_are_in_english(demo):
    home = _english("localhost", "/en/")
    assert "Licence no. 12/GP-TTĐT" in home and "Giấy phép số" not in home
    for english in ("National Public Service Portal", "Party Committee", "People's Council"):
        assert english in home
    assert "Cổng Dịch vụ công quốc gia" not in home
    assert "Converged e-portal platform" in home


def test_issuers_that_are_sites_read_in_english(demo):
    document = Document.objects.filter(issuing_body="Sở Tài chính").first()
    host = document.tenant.domains.get(is_primary=True).hostname
    detail = _english(host, f"/en/van-ban/{document.pk}/")
    assert ">Department of Finance</dd>" in detail
