"""Page-cache declarations (portal/cache_dependencies.py)."""

from portal.cache_dependencies import LINEAGE, SITE, Depends

PAGE_DEPENDENCIES = (
    Depends("dialogue.DialogueSettings", scope=SITE),
    Depends("dialogue.Inquiry", scope=LINEAGE),  # answered questions are published
    Depends("dialogue.DialogueSession", scope=LINEAGE),
    Depends("dialogue.SessionQuestion", scope=LINEAGE, site="session.tenant_id"),
    Depends("dialogue.Hotline", scope=LINEAGE),  # the API lists it on the sites above
)


def page_keys(tenant) -> list[str]:
    """Every footer shows the main hotline (portal/request_cache.py)."""
    from .sections import CACHE_KEY

    return [CACHE_KEY.format(tenant_id=tenant.pk)]


def shell_parts(tenant) -> list:
    """The main hotline of the footer, when missing, read with the rest of the shell."""
    from functools import partial

    from portal.request_cache import ShellPart, peek

    from .sections import CACHE_KEY, keep_main_hotline, main_hotline_query

    if peek(CACHE_KEY.format(tenant_id=tenant.pk)) is not None:
        return []
    return [ShellPart(main_hotline_query(tenant.pk), partial(keep_main_hotline, tenant.pk))]
