"""The whole-response cache shows a downtime banner from the notice's publication and
drops it at its end, to the moment: no cached page outlives the next boundary of its
site's notices (operations/caching.py next_change, portal/page_cache.py)."""

import time
from datetime import timedelta

from django.utils import timezone

from operations.models import DowntimeNotice
from tests.portal.test_page_cache import served_from_cache, visitor

BANNER = "Nâng cấp máy chủ"


def _wait_until(moment) -> None:
    delay = (moment - timezone.now()).total_seconds() + 0.05
    assert delay > 0, "the test machine was too slow for the chosen times"
    time.sleep(delay)


def test_a_cached_page_shows_the_banner_at_publication_and_drops_it_at_the_end(
    page_cache, commune, other_commune
):
    client = visitor(commune)
    served_from_cache(client, "/gioi-thieu/")  # templates loaded: the timings below hold
    now = timezone.now()
    notice = DowntimeNotice.objects.create(  # a save: cached pages of the site are renewed
        tenant=commune,
        published_at=now + timedelta(seconds=8),
        starts_at=now + timedelta(seconds=9),
        ends_at=now + timedelta(seconds=14),
        message_vi=BANNER,
        is_emergency=True,
        emergency_reason="Vá lỗ hổng",
    )
    before = served_from_cache(client, "/gioi-thieu/")
    assert BANNER not in before.content.decode()
    key = page_cache.entry_key("xaa.portal.test", "/gioi-thieu/", "")
    left_ms = (notice.published_at - timezone.now()).total_seconds() * 1000
    assert 0 < page_cache.client().pttl(key) <= left_ms + 5  # lives until the publication
    # another site's pages are not cut short
    other = served_from_cache(visitor(other_commune), "/gioi-thieu/")
    other_key = page_cache.entry_key("xab.portal.test", "/gioi-thieu/", "")
    assert other.status_code == 200 and page_cache.client().pttl(other_key) > 250_000

    _wait_until(notice.published_at)
    during = client.get("/gioi-thieu/")
    assert during["X-Page-Cache"] == "miss" and BANNER in during.content.decode()
    cached = served_from_cache(client, "/gioi-thieu/")
    assert BANNER in cached.content.decode()

    _wait_until(notice.ends_at)
    after = client.get("/gioi-thieu/")
    assert after["X-Page-Cache"] == "miss"
    assert BANNER not in after.content.decode()
    assert BANNER not in served_from_cache(client, "/gioi-thieu/").content.decode()
