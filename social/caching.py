"""Page-cache declarations (portal/cache_dependencies.py): channels hold credentials and
posts are an outbox to the networks; no public page shows either (the header's social
links are the site's own fields, tenants.Tenant)."""

NOT_SHOWN = ("social.Channel", "social.Post")
