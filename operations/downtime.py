"""Planned-downtime notices: the 7-working-day rule and what each page shows.

Every public page asks `notices_for(tenant)`: one cache read on a hit, one query on a
miss (all notices not yet over, for every site); a save or delete refills the cache."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal import request_cache
from portal.workdays import add_working_days

LEAD_WORKING_DAYS = 7  # Decree 224/2026 Art. 13
CACHE_KEY = "operations:downtime:v1"
CACHE_SECONDS = 3600


@dataclass(frozen=True)
class Notice:
    """What a page needs of a notice, without a query."""

    pk: int
    tenant_id: int
    tree_id: int
    lft: int
    rght: int
    include_subtree: bool
    starts_at: datetime
    ends_at: datetime
    published_at: datetime
    message_vi: str
    message_en: str
    is_emergency: bool

    @property
    def message(self) -> str:
        return (self.message_en if get_language() == "en" else "") or self.message_vi

    def covers(self, tenant) -> bool:
        if tenant.pk == self.tenant_id:
            return True
        return (
            self.include_subtree
            and tenant.tree_id == self.tree_id
            and self.lft < tenant.lft  # lineage-exempt: a cached snapshot, no queryset
            and tenant.rght < self.rght  # lineage-exempt: a cached snapshot, no queryset
        )

    def is_ongoing(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at


def earliest_start(announced: datetime) -> datetime:
    """The first moment a downtime announced at `announced` may start without being an
    emergency: the day on which 7 working days have passed, from midnight."""
    day = add_working_days(timezone.localdate(announced), LEAD_WORKING_DAYS)
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def announced_in_time(published_at: datetime, starts_at: datetime) -> bool:
    return starts_at >= earliest_start(published_at)


def check_notice(notice) -> None:
    """The form's rules; raises ValidationError with messages per field."""
    if not (notice.starts_at and notice.ends_at):
        return
    now = timezone.now()
    errors: dict[str, str] = {}
    if notice.ends_at <= notice.starts_at:
        errors["ends_at"] = _("Thời điểm hoạt động trở lại phải sau thời điểm bắt đầu.")
    elif notice.ends_at <= now:
        errors["ends_at"] = _("Thời điểm hoạt động trở lại đã qua.")
    published = notice.published_at or now
    if notice.is_emergency:
        if not (notice.emergency_reason or "").strip():
            errors["emergency_reason"] = _("Bảo trì khẩn cấp phải ghi rõ lý do.")
    elif notice.pk is None and not announced_in_time(published, notice.starts_at):
        first = timezone.localtime(earliest_start(published))
        errors["starts_at"] = _(
            "Phải thông báo trước ít nhất %(days)d ngày làm việc (không tính ngày nghỉ, lễ, "
            "Tết): sớm nhất từ ngày %(date)s. Nếu không thể chờ, đánh dấu “bảo trì khẩn cấp” "
            "và ghi lý do."
        ) % {"days": LEAD_WORKING_DAYS, "date": first.strftime("%d/%m/%Y")}
    if errors:
        raise ValidationError(errors)


# --- what pages show ----------------------------------------------------------------
def notices_query():
    """Every notice not yet over, on every site, with its site's place in the tree."""
    from .models import DowntimeNotice

    return DowntimeNotice.objects.filter(ends_at__gt=timezone.now()).values(
        "pk",
        "tenant_id",
        "tenant__tree_id",
        "tenant__lft",
        "tenant__rght",
        "include_subtree",
        "starts_at",
        "ends_at",
        "published_at",
        "message_vi",
        "message_en",
        "is_emergency",
    )


def _notices(rows) -> list[Notice]:
    notices = [
        Notice(
            pk=row["pk"],
            tenant_id=row["tenant_id"],
            tree_id=row["tenant__tree_id"],
            lft=row["tenant__lft"],
            rght=row["tenant__rght"],
            include_subtree=row["include_subtree"],
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            published_at=row["published_at"],
            message_vi=row["message_vi"] or "",
            message_en=row["message_en"] or "",
            is_emergency=row["is_emergency"],
        )
        for row in rows
    ]
    return sorted(notices, key=lambda notice: (notice.starts_at, notice.pk))


def _load() -> list[Notice]:
    return _notices(notices_query())


def refresh(**kwargs) -> list[Notice]:
    """Reload the cached list (after a save or delete, and on a miss)."""
    notices = _load()
    cache.set(CACHE_KEY, notices, CACHE_SECONDS)
    return notices


def keep(rows) -> None:
    """The list read with the rest of a page's shell (portal/request_cache.py)."""
    request_cache.put(CACHE_KEY, _notices(rows), CACHE_SECONDS)


def all_notices() -> list[Notice]:
    notices = request_cache.get(CACHE_KEY)
    if notices is None and request_cache.fill_shell():
        notices = request_cache.get(CACHE_KEY)
    if notices is None:
        notices = refresh()
    return notices


def notices_for(tenant, now: datetime | None = None) -> list[Notice]:
    """Notices published and not over that cover this site, soonest first."""
    if tenant is None:
        return []
    now = now or timezone.now()
    return [
        notice
        for notice in all_notices()
        if notice.published_at <= now < notice.ends_at and notice.covers(tenant)
    ]
