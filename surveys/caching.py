"""Page-cache declarations (portal/cache_dependencies.py). Answers are private; a poll's
results page shows votes, refreshed within the cache's lifetime."""

from portal.cache_dependencies import LINEAGE, Depends

PAGE_DEPENDENCIES = (
    Depends("surveys.Poll", scope=LINEAGE),
    Depends("surveys.PollOption", scope=LINEAGE, site="poll.tenant_id"),
)
NOT_SHOWN = ("surveys.SatisfactionResponse", "surveys.PageRating")
TIME_BOUND = ("surveys.PollVote",)
