"""A public form posted without a valid CSRF token (page open too long, cookies blocked,
forged cross-site POST) gets the site's own page in the reader's language."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "heading"), [("", "Biểu mẫu đã hết hạn"), ("/en", "This form has expired")]
)
def test_csrf_failure_is_a_branded_page_in_the_readers_language(commune, prefix, heading):
    host = commune.domains.get(is_primary=True).hostname
    client = Client(HTTP_HOST=host, enforce_csrf_checks=True)
    response = client.post(f"{prefix}/hoi-dap/gui-cau-hoi/", {"question": "Xin hỏi"})
    html = response.content.decode()
    assert response.status_code == 403
    assert heading in html and commune.name in html
    assert "<style>" not in html  # no inline styles: the strict CSP stays intact
