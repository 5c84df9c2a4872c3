from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from portal.publishing import PublicationStatus
from search.rebuild import rebuild
from tests.search.models import bulletin_model

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def bulletin(tenant, title, body="", *, year=2024, number="", kind="article", **extra):
    """A published bulletin, indexed the way a rebuild indexes it."""
    return bulletin_model().objects.create(
        tenant=tenant,
        title=title,
        body=body,
        number=number,
        kind=kind,
        status=extra.pop("status", PublicationStatus.PUBLISHED),
        published_at=extra.pop("published_at", datetime(year, 6, 1, 9, 0, tzinfo=TZ)),
        **extra,
    )


def index_all() -> None:
    with transaction.atomic():
        rebuild()
