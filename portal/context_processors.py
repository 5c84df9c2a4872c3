"""What base.html needs on every public page, from cached data only."""

from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from tenants.resolution import tree_version
from tenants.site import site_tree

from .hooks import collect_menu, collect_sections, menu_version


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
    if tenant is None:
        return {"tenant": None, "shell_key": "no-site", "menu_key": "no-site"}
    path = request.get_full_path()
    port_suffix = request_origin_suffix(request)
    year = timezone.localdate().year

    # The header's and footer's HTML is cached under these (base.html): what they show
    # is the site and its tree (a change bumps the tree version), the menu, the links'
    # scheme and port, and the year. Lazy, as everything here: an admin page that does
    # not extend base.html reads nothing.
    def shell_key() -> str:
        language = get_language()
        return f"{tenant.pk}:{language}:t{tree_version()}:{request.scheme}{port_suffix}:{year}"

    return {
        "tenant": tenant,
        "site_tree": SimpleLazyObject(lambda: site_tree(tenant)),
        "main_menu": SimpleLazyObject(lambda: collect_menu(tenant)),
        "shell_key": SimpleLazyObject(shell_key),
        "menu_key": SimpleLazyObject(lambda: f"{shell_key()}:{menu_version(tenant)}"),
        "scheme": request.scheme,
        "port_suffix": port_suffix,
        "language_urls": SimpleLazyObject(
            lambda: {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
        ),
        "current_year": year,
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
