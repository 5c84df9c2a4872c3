"""Page-cache declarations of the shared kernel (portal/cache_dependencies.py)."""

from portal.cache_dependencies import ALL, Depends

PAGE_DEPENDENCIES = (
    Depends("portal.CalendarDay", scope=ALL),  # deadlines and working days on many pages
)
# The search pages are not kept by the page cache (PAGE_CACHE_SKIP_PREFIXES): their rows
# are shown nowhere else. Declared here so that search/ stays its owners' to change.
NOT_SHOWN = ("search.SearchEntry", "search.SearchQueryStat", "search.SearchTerm")
