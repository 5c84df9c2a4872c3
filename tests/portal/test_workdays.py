from datetime import date

import pytest

from portal.models import CalendarDay
from portal.workdays import (
    add_working_days,
    forget_calendar,
    is_working_day,
    statutory_holidays,
    working_days_between,
)

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


def test_tet_2027_comes_from_the_lunar_calendar_without_rows():
    # Tết Đinh Mùi: mùng 1 is Saturday 6/2/2027; five days off with their compensatory
    # days: Thursday 4/2 to Wednesday 10/2 (the weekend in between is a rest day anyway).
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    for day in (4, 5, 8, 9, 10):
        assert not is_working_day(date(2027, 2, day))
    assert is_working_day(date(2027, 2, 3)) and is_working_day(date(2027, 2, 11))
    assert not is_working_day(date(2027, 4, 16))  # Giỗ Tổ Hùng Vương, 10/3 âm lịch
    assert not is_working_day(date(2027, 5, 3))  # 1/5 is a Saturday: Monday off instead
    assert not is_working_day(date(2027, 9, 3))  # the day next to 2/9 (Thursday)


def test_tet_2028_and_new_year_on_a_saturday():
    tet = [d.day for d in statutory_holidays(2028) if d.month == 1 and d.day > 20]
    assert tet == [24, 25, 26, 27, 28, 29]
    assert not is_working_day(date(2028, 1, 3))  # 1/1/2028 is a Saturday
    assert add_working_days(date(2028, 1, 21), 1) == date(2028, 1, 31)


def test_statutory_holidays_are_named_in_vietnamese():
    names = statutory_holidays(2027)
    assert names[date(2027, 2, 6)] == "Tết Nguyên Đán"
    assert names[date(2027, 4, 16)] == "Ngày Giỗ Tổ Hùng Vương"


def test_announced_swaps_come_from_the_province_rows_only():
    # The package knows some swapped days off but never the Saturday worked for them, so
    # a swap is the province's to enter, both halves together.
    assert date(2026, 8, 31) not in statutory_holidays(2026)
    assert is_working_day(date(2026, 8, 31))
    CalendarDay.objects.create(date=date(2027, 2, 3), kind="day_off", name="Nghỉ hoán đổi")
    CalendarDay.objects.create(date=date(2027, 1, 30), kind="working", name="Làm bù 3/2")
    forget_calendar(2027)
    assert not is_working_day(date(2027, 2, 3))
    assert is_working_day(date(2027, 1, 30))


def test_a_row_overrides_a_statutory_holiday():
    CalendarDay.objects.create(date=date(2027, 2, 10), kind="working", name="Đi làm")
    forget_calendar(2027)
    assert is_working_day(date(2027, 2, 10))
    CalendarDay.objects.filter(date=date(2027, 2, 10)).delete()
    forget_calendar(2027)
    assert not is_working_day(date(2027, 2, 10))
