from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """An exception to the Monday–Friday week, entered per year by the province.

    The statutory holidays of every year, lunar ones included, are computed in
    `portal.workdays`; rows hold what only the Government's yearly announcement
    says (a swapped day off and the Saturday worked for it) and win over the
    computed calendar on the dates they name.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Ngày nghỉ lễ, Tết")
        DAY_OFF = "day_off", _("Ngày nghỉ bù, hoán đổi")
        WORKING = "working", _("Ngày làm việc bù (thứ Bảy, Chủ nhật)")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.HOLIDAY)
    name = models.CharField(_("tên"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("lịch ngày nghỉ lễ")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.name}"
