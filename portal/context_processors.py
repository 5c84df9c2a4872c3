"""What base.html needs on every public page, from cached data only."""

from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from tenants.site import site_tree

from .hooks import collect_menu, collect_sections


def request_origin_suffix(request) -> str:
    """':8000' when the request came on a non-default port, so links keep working in dev."""
    try:
        port = request.get_port()
    except Exception:  # noqa: BLE001 - a malformed host already got its 400
        return ""
    default = "443" if request.is_secure() else "80"
    return "" if port in ("", None, default) else f":{port}"


def site(request) -> dict:
    tenant = getattr(request, "tenant", None)
    if tenant is None or request.path.startswith("/admin/"):
        return {"tenant": tenant}
    path = request.get_full_path()
    return {
        "tenant": tenant,
        "site_tree": site_tree(tenant),
        "main_menu": collect_menu(tenant),
        "scheme": request.scheme,
        "port_suffix": request_origin_suffix(request),
        "language_urls": {code: translate_url(path, code) for code, _name in settings.LANGUAGES},
        "current_year": timezone.localdate().year,
        # Blocks other apps add to every page (rating widget, visit counter...):
        # lazy, so a page that does not render them pays nothing.
        "page_end_sections": SimpleLazyObject(
            lambda: collect_sections(request, "page_end_sections")
        ),
        "footer_sections": SimpleLazyObject(lambda: collect_sections(request, "footer_sections")),
        # Notices above the header (planned downtime, operations/sections.py).
        "page_top_sections": SimpleLazyObject(
            lambda: collect_sections(request, "page_top_sections")
        ),
    }
