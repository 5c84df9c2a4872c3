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
