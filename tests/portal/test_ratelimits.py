"""Rate limits of the public forms: declared once (portal/ratelimits.py), refused alike."""

import pytest
from django.contrib.syndication.views import Feed
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from portal import ratelimits
from portal.ratelimits import LIMITS, NOT_LIMITED, Limit
from tests.dialogue.factories import SessionFactory
from tests.documents.factories import ConsultationFactory
from tests.surveys.factories import PollFactory

# Not public forms: the staff admin, the read-only JSON APIs (their own per-minute limit,
# api/gate.py) and media files served in development.
NOT_FORMS = ("admin/", "api/", "^media/")


def _methods(view) -> set[str] | None:
    """Methods the view accepts, as Django's require_http_methods holds them; None: any."""
    while view is not None:
        code, cells = getattr(view, "__code__", None), getattr(view, "__closure__", None)
        for name, cell in zip(code.co_freevars if code else (), cells or (), strict=False):
            if name == "request_method_list":
                return set(cell.cell_contents)
        view = getattr(view, "__wrapped__", None)
    return None


def _views(patterns, namespace="", prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _views(pattern.url_patterns, inner, route)
        elif not route.startswith(NOT_FORMS):
            yield f"{namespace}{pattern.name}", pattern.callback


def public_post_views() -> set[str]:
    found = set()
    for name, view in _views(get_resolver().url_patterns):
        if isinstance(view, Feed):  # syndication feeds only read
            continue
        methods = _methods(view)
        if methods is None or "POST" in methods:
            found.add(name)
    return found


def test_every_public_form_has_its_rate_limit_declared():
    undeclared = public_post_views() - set(LIMITS) - set(NOT_LIMITED)
    assert not undeclared, f"declare these forms in portal/ratelimits.py: {sorted(undeclared)}"


def test_every_declared_form_is_a_public_form():
    stale = (set(LIMITS) | set(NOT_LIMITED)) - public_post_views()
    assert not stale, f"no public form answers POST at {sorted(stale)}"


@pytest.fixture
def form_urls(commune):
    session = SessionFactory(tenant=commune)
    consultation = ConsultationFactory(tenant=commune)
    poll = PollFactory(tenant=commune)
    arguments = {
        "dialogue:session": [session.slug],
        "documents:consultation": [consultation.pk],
        "surveys:poll": [poll.pk],
    }
    with translation.override("vi"):
        return {name: reverse(name, args=arguments.get(name, [])) for name in LIMITS}


def test_every_form_refuses_a_flood_with_the_same_status_and_message(
    form_urls, commune, site_client, monkeypatch
):
    client = site_client(commune)
    message = str(ratelimits.MESSAGE)
    for name, url in form_urls.items():
        monkeypatch.setitem(LIMITS, name, Limit(attempts=0, seconds=60))
        response = client.post(url, {"path": "/", "useful": "1"}, follow=False)
        assert response.status_code == 429, name
        if name != "surveys:rate_page":  # its error page says it in its own words
            assert message in response.content.decode(), name
