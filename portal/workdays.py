"""Working days of Vietnamese state agencies, shared by every deadline in the product.

Deadlines in the Law on Access to Information (Art. 18(4): 5 working days), the
citizen-inquiry rules (15 working days) and budget disclosure count working days:
Monday–Friday, minus public holidays (Labour Code 2019 Art. 112) and the days the
Government swaps each year, plus make-up working Saturdays.

Two sources, the second winning on any date it names:
- the statutory holidays of every year, from the `holidays` package's Vietnam
  calendar (Tết from the lunar calendar, Giỗ Tổ Hùng Vương 10/3 lunar, 1/1, 30/4,
  1/5, 2/9 with its adjacent day, and the compensatory day off when a holiday falls
  on a weekend);
- `CalendarDay` rows entered by the province: the swaps the Government announces
  each year (a day off *and* the Saturday worked for it) and any correction.
The package also lists some announced swaps, but only the day off, never the
Saturday worked in exchange, so those are left to the rows.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from django.core.cache import cache
from holidays.countries.vietnam import Vietnam

from .models import CalendarDay

_CACHE_KEY = "workdays:exceptions:v1:{year}"


class _LabourCodeHolidays(Vietnam):
    """Vietnam's statutory holidays without the package's table of one-off swaps."""

    def _add_special_holidays(self, mapping_names, *, observed=False):
        return None


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[date, str]:
    """The public holidays and compensatory days off of `year`, named in Vietnamese."""
    calendar = _LabourCodeHolidays(years=year, language="vi")
    return {day: calendar[day] for day in sorted(calendar)}


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
    if day in statutory_holidays(day.year):
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
