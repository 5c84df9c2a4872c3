"""One answer a day per browser (surveys/answers.py), whatever page asked."""

import pytest

from surveys import answers
from surveys.models import PollVote
from tests.surveys.factories import PollFactory

pytestmark = pytest.mark.django_db


def test_a_second_vote_from_the_same_address_the_same_day_is_not_stored(commune):
    poll = PollFactory(tenant=commune)
    first, second = poll.options.all()[:2]
    assert answers.vote(poll, first, address="203.0.113.7")
    assert not answers.vote(poll, second, address="203.0.113.7")
    assert answers.vote(poll, second, address="203.0.113.8")
    assert PollVote.objects.filter(poll=poll).count() == 2


def test_a_page_rated_twice_the_same_day_counts_once(commune):
    rate = dict(tenant=commune, path="/tin-tuc/", useful=True, comment="", address="203.0.113.7")
    assert answers.rate_page(**rate)
    assert not answers.rate_page(**rate)
    assert answers.rate_page(**{**rate, "path": "/van-ban/"})
