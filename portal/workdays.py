"""Working days of Vietnamese state agencies, shared by every deadline in the product.

Deadlines in the Law on Access to Information (Art. 18(4): 5 working days), the
citizen-inquiry rules (15 working days) and budget disclosure count working days:
Monday–Friday, minus public holidays (Labour Code 2019 Art. 112) and the days the
Government swaps each year, plus make-up working Saturdays. Fixed solar holidays
are built in; lunar and announced days come from `CalendarDay` rows.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.cache import cache

from .models import CalendarDay

# Labour Code 2019 Art. 112(1): 1/1, 30/4, 1/5, 2/9 are fixed; the extra day next
# to 2/9 and the Tết days change every year and are entered as CalendarDay rows.
FIXED_SOLAR_HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 2))

_CACHE_KEY = "workdays:exceptions:v1:{year}"


def _exceptions(year: int) -> dict[date, str]:
    key = _CACHE_KEY.format(year=year)
    found = cache.get(key)
    if found is None:
        found = dict(CalendarDay.objects.filter(date__year=year).values_list("date", "kind"))
        cache.set(key, found, 3600)
    return found


def forget_calendar(year: int) -> None:
    """Drop a year's cached exceptions; called when CalendarDay rows change."""
    cache.delete(_CACHE_KEY.format(year=year))


def is_working_day(day: date) -> bool:
    kind = _exceptions(day.year).get(day)
    if kind == CalendarDay.Kind.WORKING:
        return True
    if kind in (CalendarDay.Kind.HOLIDAY, CalendarDay.Kind.DAY_OFF):
        return False
    if (day.month, day.day) in FIXED_SOLAR_HOLIDAYS:
        return False
    return day.weekday() < 5


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start).

    A question received on Friday and answered the next Monday waited 1 working day.
    """
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if is_working_day(day):
            count += 1
        day += timedelta(days=1)
    return count


def add_working_days(start: date, days: int) -> date:
    """The date on which `days` working days after `start` have passed (the deadline)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
