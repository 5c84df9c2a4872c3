"""A citizen's walk: every internal link of the home page (menu, blocks, footer) of the
demo province and a demo commune answers < 400, in Vietnamese and in English, and so do
the links of those pages (bounded): language switches, pagination, details."""

import re

import pytest
from django.test import Client
from django.utils import translation

from tests.demo.pages import DEMO_HOSTS, internal_links

pytestmark = pytest.mark.django_db

SITES = DEMO_HOSTS
MAX_PAGES = 300  # per site and starting language; the demo tree needs about 200
RAW_TEMPLATE = re.compile(r"\{\{|\{%")


@pytest.mark.parametrize("host", SITES)
@pytest.mark.parametrize("home", ["/", "/en/"])
def test_every_link_of_the_home_page_answers(demo, host, home):
    client = Client(HTTP_HOST=host)
    response = client.get(home)
    assert response.status_code == 200
    first = internal_links(host, home, response.content.decode())
    assert len(first) > 20  # menu, blocks and footer were there
    seen, failures = {home}, []
    queue = [(link, 1, home) for link in sorted(first)]
    while queue and len(seen) < MAX_PAGES:
        link, depth, referrer = queue.pop(0)
        if link in seen or link.startswith("/admin/"):
            continue
        seen.add(link)
        answer = client.get(link)
        # Each page leaves its own language active; the next request sets it again.
        translation.activate("vi")
        if answer.status_code >= 400:
            failures.append((link, answer.status_code, referrer))
            continue
        if "html" not in answer.get("Content-Type", "") or getattr(answer, "streaming", 0):
            continue
        html = answer.content.decode()
        if RAW_TEMPLATE.search(re.sub(r"<script.*?</script>", "", html, flags=re.S)):
            failures.append((link, "raw template syntax", referrer))
        if depth < 2:
            queue += [(nxt, depth + 1, link) for nxt in sorted(internal_links(host, link, html))]
    assert failures == []
