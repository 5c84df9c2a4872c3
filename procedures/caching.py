"""Page-cache declarations (portal/cache_dependencies.py). A catalogue sync writes in
bulk and announces itself through `bump_catalogue_version` (procedures/sync.py)."""

from portal.cache_dependencies import ALL, FAMILY, Depends

PAGE_DEPENDENCIES = (
    Depends("procedures.Procedure", scope=FAMILY),
    Depends("procedures.DossierItem", scope=FAMILY, site="procedure.tenant_id"),
    Depends("procedures.Assignment", scope=FAMILY),
    Depends("procedures.Field", scope=ALL),
)
NOT_SHOWN = ("procedures.SyncSource", "procedures.SyncRun")


def page_keys(tenant) -> list[str]:
    """The catalogue version keys the home page's online-services block
    (portal/request_cache.py)."""
    from .sync import CATALOGUE_VERSION_KEY

    return [CATALOGUE_VERSION_KEY]
