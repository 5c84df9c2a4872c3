"""A home-page block: search the catalogue, and the site's share of fully online services."""

from portal.hooks import Section

from .stats import online_share


def home_sections(request) -> list[Section]:
    tenant = request.tenant
    share = online_share(tenant, subtree=True)
    if not share.total:
        return []
    return [Section(template="procedures/home_section.html", context={"share": share}, order=40)]
