"""Page-cache declarations (portal/cache_dependencies.py): nothing public (the channels
and their outbox of posts live in the admin only)."""

NOT_SHOWN = ("social.Channel", "social.Post")
