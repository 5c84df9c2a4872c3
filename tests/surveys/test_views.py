"""Public survey, page ratings and polls: one answer per browser per day, no IP stored."""

import pytest

from portal.ratelimits import LIMITS
from surveys.models import PageRating, PollVote, SatisfactionResponse
from tests.dialogue.factories import solve_page

from .factories import PollFactory

pytestmark = pytest.mark.django_db

SURVEY = "/khao-sat/"
ANSWERS = {
    "interface": "easy",
    "content": "partly",
    "quality": "fair",
    "interaction": "acceptable",
    "support": "meets",
    "other_requests": "Thêm lịch tiếp dân",
    "website": "",
}


def _survey(client, **overrides):
    data = {**ANSWERS, **solve_page(client.get(SURVEY).content.decode()), **overrides}
    return client.post(SURVEY, data)


def test_satisfaction_survey_stores_one_anonymous_response_per_day(commune, site_client):
    client = site_client(commune)
    assert _survey(client).status_code == 302
    again = _survey(client)
    assert again.status_code == 302
    assert SatisfactionResponse.objects.count() == 1
    response = SatisfactionResponse.objects.get()
    assert response.tenant == commune and response.content == "partly"
    stored = " ".join(str(v) for v in vars(response).values())
    assert "127.0.0.1" not in stored and len(response.visitor_hash) == 32
    # Another browser (address) the same day counts.
    other = site_client(commune)
    other.defaults["REMOTE_ADDR"] = "198.51.100.7"
    assert _survey(other).status_code == 302
    assert SatisfactionResponse.objects.count() == 2


def test_survey_errors_are_explained_and_nothing_stored(commune, site_client):
    client = site_client(commune)
    missing = _survey(client, interface="", quality="nonsense")
    assert missing.status_code == 400
    page = missing.content.decode()
    assert "Vui lòng chọn một mức cho “Giao diện”" in page
    assert _survey(client, captcha_answer="0").status_code == 400
    assert SatisfactionResponse.objects.count() == 0


def test_page_rating_from_any_page_once_per_day(commune, site_client):
    client = site_client(commune)
    page = client.get("/gioi-thieu/").content.decode()
    assert "Thông tin có hữu ích không?" in page and 'value="/gioi-thieu/"' in page
    data = {"path": "/gioi-thieu/", "useful": "0", "comment": "<b>Thiếu số điện thoại</b>"}
    response = client.post("/danh-gia-trang/", data)
    assert response.status_code == 302 and response["Location"] == "/gioi-thieu/"
    client.post("/danh-gia-trang/", {**data, "useful": "1"})
    rating = PageRating.objects.get()
    assert rating.useful is False and rating.comment == "<b>Thiếu số điện thoại</b>"
    assert "Cảm ơn" in client.get("/gioi-thieu/").content.decode()


def test_page_rating_refuses_forged_paths_and_honeypot(commune, site_client):
    client = site_client(commune)
    for path in ("https://evil.example/", "//evil.example/", "x" * 600):
        assert client.post("/danh-gia-trang/", {"path": path, "useful": "1"}).status_code == 400
    hp = {"path": "/", "useful": "1", "website": "spam"}
    assert client.post("/danh-gia-trang/", hp).status_code == 400
    assert client.get("/danh-gia-trang/").status_code == 405
    assert PageRating.objects.count() == 0


def test_rating_flood_is_cut_off_by_the_rate_limit(commune, site_client):
    client = site_client(commune)
    limit = LIMITS["surveys:rate_page"].attempts
    codes = [
        client.post("/danh-gia-trang/", {"path": f"/trang-{n}/", "useful": "1"}).status_code
        for n in range(limit + 5)
    ]
    assert codes.count(302) == limit and codes[limit:] == [429] * 5
    assert PageRating.objects.count() == limit


def test_the_rating_block_costs_no_query(commune, site_client, django_assert_num_queries):
    from django.test import RequestFactory

    from surveys.sections import page_end_sections

    request = RequestFactory().get("/tin-tuc/")
    request.tenant = commune
    with django_assert_num_queries(0):
        sections = page_end_sections(request)
    assert sections[0].context == {"path": "/tin-tuc/"}


def test_poll_vote_results_in_percent_and_one_vote_per_day(commune, site_client):
    poll = PollFactory(tenant=commune)
    client = site_client(commune)
    url = f"/tham-do/{poll.pk}/"
    first = poll.options.first()
    data = {"option": first.pk, "website": "", **solve_page(client.get(url).content.decode())}
    assert client.post(url, data).status_code == 302
    data.update(solve_page(client.get(url).content.decode()))
    client.post(url, {**data, "option": poll.options.last().pk})
    assert PollVote.objects.count() == 1
    page = client.get(url).content.decode()
    assert "100,0%" in page and "0,0%" in page  # Vietnamese decimal comma


def test_poll_refuses_an_option_of_another_poll_and_a_closed_poll(commune, site_client):
    from django.utils import timezone

    poll, other = PollFactory(tenant=commune), PollFactory(tenant=commune)
    client = site_client(commune)
    url = f"/tham-do/{poll.pk}/"
    data = {
        "option": other.options.first().pk,
        "website": "",
        **solve_page(client.get(url).content.decode()),
    }
    assert client.post(url, data).status_code == 400
    poll.closes_at = timezone.now()
    poll.save()
    closed = client.post(url, {"option": poll.options.first().pk})
    assert closed.status_code == 409 and "đã kết thúc" in closed.content.decode()
    assert PollVote.objects.count() == 0


@pytest.mark.parametrize("path", ["/khao-sat/", "/tham-do/", "POLL"])
def test_survey_pages_query_budget(path, commune, site_client, django_assert_max_num_queries):
    poll = PollFactory(tenant=commune)
    path = f"/tham-do/{poll.pk}/" if path == "POLL" else path
    client = site_client(commune)
    client.get(path)
    with django_assert_max_num_queries(5):
        assert client.get(path).status_code == 200


def test_english_url_of_a_vietnamese_only_poll_is_not_a_404(commune, site_client):
    """The language switch of a Vietnamese-only poll leads to its English URL."""
    poll = PollFactory(tenant=commune, question_vi="Chỉ hỏi bằng tiếng Việt?", question_en="")
    client = site_client(commune)
    response = client.get(f"/en/tham-do/{poll.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "available in Vietnamese only" in body and 'content="noindex"' in body
    assert "Chỉ hỏi bằng tiếng Việt?" not in client.get("/en/tham-do/").content.decode()
