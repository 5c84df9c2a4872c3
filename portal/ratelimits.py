"""Rate limits of the public forms, declared once: one row per form, one refusal.

A row names the form by its URL name (also the scope of its counters) and allows
`attempts` posts in `seconds`, per address and per session (portal/antiabuse.py counts).
Past it every form answers the same: HTTP 429 with MESSAGE, the citizen's input kept.
tests/portal/test_ratelimits.py walks every public URL that accepts POST and fails on one
neither declared in LIMITS nor excused in NOT_LIMITED.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .antiabuse import rate_limited


@dataclass(frozen=True)
class Limit:
    attempts: int
    seconds: int


LIMITS: dict[str, Limit] = {
    "dialogue:ask": Limit(5, 3600),  # five questions an hour
    # Lookups: enough for a citizen, far too few to guess tracking codes.
    "dialogue:track": Limit(20, 600),
    "dialogue:session": Limit(10, 3600),
    "documents:consultation": Limit(5, 3600),  # comments on a draft
    "documents:verify": Limit(30, 600),  # signature checks of uploaded PDFs
    "surveys:survey": Limit(10, 3600),
    "surveys:poll": Limit(20, 3600),
    "surveys:rate_page": Limit(30, 3600),  # the "was this page useful?" block
}

# Public URLs that accept POST without a limit, and why.
NOT_LIMITED: dict[str, str] = {
    "citizens:sign_out": "ends the citizen's own session; nothing is stored",
    "citizens:delete": "a signed-in citizen's own account, behind the identity provider",
}

STATUS = 429
MESSAGE = _("Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ít phút.")


def over_limit(request: HttpRequest, form: str) -> bool:
    """Count this post of `form` (a key of LIMITS); True when it is one too many."""
    limit = LIMITS[form]
    return rate_limited(request, form, limit.attempts, limit.seconds)
