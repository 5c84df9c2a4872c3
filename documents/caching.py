"""Page-cache declarations (portal/cache_dependencies.py): a document is shown on its
site, its ancestors and, cited, on every site below it."""

from portal.cache_dependencies import ALL, FAMILY, LINEAGE, Depends

PAGE_DEPENDENCIES = (
    Depends("documents.DocumentType", scope=ALL),
    Depends("documents.DocumentField", scope=ALL),
    Depends("documents.Document", scope=FAMILY),
    Depends("documents.Relation", scope=FAMILY, site="source.tenant_id"),
    Depends("documents.Attachment", scope=FAMILY, site="document.tenant_id"),
    Depends("documents.Consultation", scope=FAMILY),
    Depends("documents.Comment", scope=LINEAGE),
)
NOT_SHOWN = ("documents.SigningCredential",)
