from datetime import date

import pytest

from portal.models import CalendarDay
from portal.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db


def test_weekend_and_fixed_holidays_are_not_working_days():
    assert is_working_day(date(2026, 11, 23))  # Monday
    assert not is_working_day(date(2026, 11, 22))  # Sunday
    assert not is_working_day(date(2026, 9, 2))  # Quốc khánh, Wednesday
    assert not is_working_day(date(2027, 1, 1))  # fixed even without a row for 2027


def test_tet_2026_from_the_shipped_calendar_is_skipped():
    # Received Friday 13/2/2026, Tết off 16–20/2: the first working day is Monday 23/2.
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 27)) == 5


def test_fifteen_working_days_around_national_day_2026():
    # 31/8 Monday; 1/9 and 2/9 off: 15 working days end on Wednesday 23/9.
    assert add_working_days(date(2026, 8, 31), 15) == date(2026, 9, 23)


def test_make_up_saturday_counts_and_swapped_day_does_not():
    assert is_working_day(date(2025, 4, 26))
    assert not is_working_day(date(2025, 5, 2))
    CalendarDay.objects.create(date=date(2026, 12, 5), kind="working", name="Làm bù")
    assert is_working_day(date(2026, 12, 5))
    CalendarDay.objects.filter(date=date(2026, 12, 5)).delete()
    assert not is_working_day(date(2026, 12, 5))


def test_between_is_zero_for_same_or_earlier_day():
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 2)) == 0
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 2), -1)
