"""The visit counter in every footer: today, this month and total from cache (the view is
counted by compliance/middleware.py, not here)."""

from django.urls import reverse

from portal.hooks import Section

from . import visits


def footer_sections(request) -> list[Section]:
    tenant = getattr(request, "tenant", None)
    if tenant is None:
        return []
    return [
        Section(
            template="compliance/footer_visits.html",
            context={
                "summary": visits.summary(tenant.pk, serving=visits.will_count(request)),
                "statistics_url": reverse("compliance:statistics"),
                "disclosure_url": reverse("compliance:disclosure_list"),
            },
            order=900,
        )
    ]
