"""Page-cache declarations (portal/cache_dependencies.py): a citizen's account pages are
signed in, never cached."""

NOT_SHOWN = ("citizens.Citizen",)
