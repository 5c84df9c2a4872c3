from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.hooks import collect_sections
from tenants.site import directory_page, site_descendants


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    """The tenant's own information and the tree of its component sites, a page of
    them at a time (?trang=N)."""
    return render(
        request,
        "tenants/about.html",
        {
            "directory": directory_page(site_descendants(request.tenant), request.GET.get("trang")),
            "sections": collect_sections(request, "about_sections"),
        },
    )
