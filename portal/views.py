"""Pages every site has: home, robots.txt, favicon, theme stylesheet, sitemap index and sections."""

import re

from django.contrib.sitemaps.views import index as django_sitemap_index
from django.contrib.sites.requests import RequestSite
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import sitemaps
from .hooks import collect_sections

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
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers and the admin ask for /favicon.ico whatever the page links: the emblem."""
    return HttpResponseRedirect(static("img/emblem.svg"))


@require_safe
@cache_control(public=True, max_age=600)
def theme_css(request: HttpRequest) -> HttpResponse:
    """The tenant's colour as a stylesheet: the CSP allows no inline styles."""
    colour = request.tenant.theme_color if _COLOR.match(request.tenant.theme_color) else "#a3161a"
    body = f":root {{ --theme: {colour}; }}\n"
    return HttpResponse(body, content_type="text/css; charset=utf-8")


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """sitemap.xml: the index of every section's sitemap pages of this tenant."""
    entries = {
        name: sitemaps.IndexEntry(sitemap)
        for name, sitemap in sitemaps.collect(request.tenant).items()
    }
    return _cached_sitemap(request, "index", 1, lambda: _index_xml(request, entries))


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """sitemap-<section>.xml?p=N: one page of one section."""
    try:
        page = int(request.GET.get("p", "1"))
    except ValueError:
        raise Http404("No such sitemap page") from None
    sitemap = sitemaps.collect(request.tenant).get(section)
    if sitemap is None or page < 1:
        raise Http404("No such sitemap")

    def build() -> tuple[bytes, str | None]:
        try:
            return sitemaps.render_page(sitemap, page, RequestSite(request), request.scheme)
        except (EmptyPage, PageNotAnInteger):
            raise Http404("No such sitemap page") from None

    return _cached_sitemap(request, section, page, build)


def _index_xml(request: HttpRequest, entries) -> tuple[bytes, str | None]:
    response = django_sitemap_index(request, sitemaps=entries, sitemap_url_name="sitemap_section")
    response.render()
    return response.content, response.get("Last-Modified")


def _cached_sitemap(request: HttpRequest, name: str, page: int, build) -> HttpResponse:
    """The XML (and Last-Modified), from the cache when another request built it already."""
    key = sitemaps.cache_key(request, name, page)
    stored = cache.get(key)
    if stored is None:
        stored = build()
        cache.set(key, stored, sitemaps.CACHE_TIMEOUT)
    content, last_modified = stored
    response = HttpResponse(content, content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    if last_modified:
        response["Last-Modified"] = last_modified
    return response
