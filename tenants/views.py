from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.hooks import collect_sections
from tenants.site import site_descendants


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    """The tenant's own information and the tree of its component sites."""
    return render(
        request,
        "tenants/about.html",
        {
            "descendants": site_descendants(request.tenant),
            "sections": collect_sections(request, "about_sections"),
        },
    )
