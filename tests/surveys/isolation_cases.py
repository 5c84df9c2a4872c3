"""Survey data of two sites never leak into each other (tests/isolation/harness.py)."""

from surveys.models import PageRating, Poll, PollOption, SatisfactionResponse
from tests.isolation.harness import IsolationCase


def make_poll(tenant, marker):
    poll = Poll.objects.create(
        tenant=tenant, question_vi=f"Thăm dò {marker}", question_en=f"Poll {marker}"
    )
    PollOption.objects.create(poll=poll, text_vi="Có", text_en="Yes")
    return poll


def make_response(tenant, marker):
    return SatisfactionResponse.objects.create(
        tenant=tenant,
        interface="easy",
        content="meets",
        quality="good",
        interaction="satisfied",
        support="meets",
        other_requests=marker,
        visitor_hash=marker,
    )


def make_rating(tenant, marker):
    return PageRating.objects.create(
        tenant=tenant, path=f"/{marker}/", useful=True, comment=marker, visitor_hash=marker
    )


CASES = [
    IsolationCase(
        name="surveys-poll",
        make=make_poll,
        detail_urls=lambda obj: [f"/tham-do/{obj.pk}/"],
        list_urls=["/tham-do/"],
        admin_model=Poll,
    ),
    IsolationCase(name="surveys-response", make=make_response, admin_model=SatisfactionResponse),
    IsolationCase(name="surveys-rating", make=make_rating, admin_model=PageRating),
]
