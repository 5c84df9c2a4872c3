"""The visit counter in every footer: counts this page view (Redis only) and shows today,
this month and total from cache."""

from django.urls import reverse

from portal.hooks import Section

from . import visits


def footer_sections(request) -> list[Section]:
    tenant = getattr(request, "tenant", None)
    if tenant is None:
        return []
    visits.count_view(request)
    return [
        Section(
            template="compliance/footer_visits.html",
            context={
                "summary": visits.summary(tenant.pk),
                "statistics_url": reverse("compliance:statistics"),
                "disclosure_url": reverse("compliance:disclosure_list"),
            },
            order=900,
        )
    ]
