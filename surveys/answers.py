"""One answer a day per browser: the satisfaction survey, page ratings and poll votes.

A browser is known only by a salted hash of its address for the day and the question
(portal/antiabuse.py); the models' unique constraints on that hash refuse a second answer
the same day, and tomorrow's hash differs. Each function returns False for a repeat,
which the page thanks without storing anything.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from portal.antiabuse import address_hash_for_day
from tenants.models import Tenant

from .models import PageRating, Poll, PollOption, PollVote, SatisfactionResponse


def _once(row) -> bool:
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # this browser already answered today
        return False
    return True


def answer_survey(response: SatisfactionResponse, *, tenant: Tenant, address: str) -> bool:
    response.tenant = tenant
    response.visitor_hash = address_hash_for_day(address, f"survey:{tenant.pk}")
    return _once(response)


def rate_page(*, tenant: Tenant, path: str, useful: bool, comment: str, address: str) -> bool:
    visitor = address_hash_for_day(address, f"rating:{tenant.pk}")
    rating = PageRating(
        tenant=tenant, path=path, useful=useful, comment=comment.strip(), visitor_hash=visitor
    )
    return _once(rating)


def vote(poll: Poll, option: PollOption, *, address: str) -> bool:
    visitor = address_hash_for_day(address, f"poll:{poll.pk}")
    return _once(PollVote(poll=poll, option=option, visitor_hash=visitor))
