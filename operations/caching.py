"""Page-cache declarations (portal/cache_dependencies.py)."""

from portal.cache_dependencies import FAMILY, Depends

# A downtime notice shows on its site and, province-wide, on every site below: a save or
# delete refreshes those pages. Its end passes without a save: a cached page may keep the
# banner up to PAGE_CACHE_SECONDS longer.
PAGE_DEPENDENCIES = (Depends("operations.DowntimeNotice", scope=FAMILY),)
NOT_SHOWN = ("operations.OutboxTask", "operations.BackupRecord")
