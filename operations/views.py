"""The public list of planned downtime of this site (Decree 224/2026 Art. 13)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import downtime


@require_safe
def downtime_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    notices = downtime.notices_for(request.tenant, now)
    return render(
        request,
        "operations/downtime_list.html",
        {
            "ongoing": [n for n in notices if n.is_ongoing(now)],
            "upcoming": [n for n in notices if n.starts_at > now],
        },
    )
