"""Page-cache declarations (portal/cache_dependencies.py): nothing public."""

NOT_SHOWN = ("operations.OutboxTask",)
