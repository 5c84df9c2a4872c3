"""Holidays and swapped days announced for 2025 and 2026 (civil-service schedule).

Lunar holidays and swaps are announced yearly by the Ministry of Home Affairs;
the province adds later years in the admin (Lịch ngày nghỉ lễ).
"""

from datetime import date

from django.db import migrations

DAYS = [
    # 2025: Tết Ất Tỵ 25/1–2/2; Giỗ Tổ 7/4; 30/4–4/5 with Sat 26/4 worked; 2/9 with 1/9.
    *[(date(2025, 1, d), "holiday", "Tết Nguyên đán Ất Tỵ") for d in range(27, 32)],
    (date(2025, 4, 7), "holiday", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    (date(2025, 4, 26), "working", "Làm bù cho ngày 2/5/2025"),
    (date(2025, 5, 2), "day_off", "Nghỉ hoán đổi dịp 30/4–1/5"),
    (date(2025, 9, 1), "holiday", "Quốc khánh (ngày liền kề)"),
    # 2026: Tết Bính Ngọ 14/2–22/2; Giỗ Tổ falls on Sunday 26/4, off Monday 27/4.
    *[(date(2026, 2, d), "holiday", "Tết Nguyên đán Bính Ngọ") for d in range(16, 21)],
    (date(2026, 4, 27), "day_off", "Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)"),
    (date(2026, 9, 1), "holiday", "Quốc khánh (ngày liền kề)"),
]


def add_days(apps, schema_editor):
    CalendarDay = apps.get_model("portal", "CalendarDay")
    for day, kind, name in DAYS:
        CalendarDay.objects.get_or_create(date=day, defaults={"kind": kind, "name": name})


def remove_days(apps, schema_editor):
    CalendarDay = apps.get_model("portal", "CalendarDay")
    CalendarDay.objects.filter(date__in=[day for day, _, _ in DAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_calendar")]
    operations = [migrations.RunPython(add_days, remove_days)]
