"""Pages every site has: home, robots.txt, theme stylesheet, sitemap."""

import re

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .hooks import collect_sections, hook_functions

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    sections = collect_sections(request, "home_sections")
    return render(request, "portal/home.html", {"sections": sections})


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    origin = f"{request.scheme}://{request.get_host()}"
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        f"Sitemap: {origin}{reverse('sitemap')}",
    ]
    if not request.tenant.is_active or request.tenant.is_archived:
        lines = ["User-agent: *", "Disallow: /admin/"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=600)
def theme_css(request: HttpRequest) -> HttpResponse:
    """The tenant's colour as a stylesheet: the CSP allows no inline styles."""
    colour = request.tenant.theme_color if _COLOR.match(request.tenant.theme_color) else "#a3161a"
    body = f":root {{ --theme: {colour}; }}\n"
    return HttpResponse(body, content_type="text/css; charset=utf-8")


@require_safe
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """sitemap.xml of this tenant, from every app's `sitemaps.sitemaps(tenant)` hook."""
    sections = {}
    for function in hook_functions("sitemaps", "sitemaps"):
        sections.update(function(request.tenant))
    return django_sitemap(request, sitemaps=sections)
