"""Anonymous satisfaction survey (Thừa Thiên Huế plan), page ratings and polls.

Privacy: no IP address or user agent is stored. `visitor_hash` is the salted daily hash
of portal.antiabuse.daily_visitor_hash: a unique constraint on it keeps one response
per survey (page, poll) per browser per day, and it cannot be turned back into an address.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import TenantOwned, TenantQuerySet


class Interface(models.TextChoices):
    EASY = "easy", _("Dễ truy cập")
    NORMAL = "normal", _("Bình thường")
    HARD = "hard", _("Khó truy cập")


class ContentFit(models.TextChoices):
    MEETS = "meets", _("Đáp ứng")
    PARTLY = "partly", _("Chưa đáp ứng đầy đủ")
    NOT = "not", _("Không đáp ứng")


class Quality(models.TextChoices):
    GOOD = "good", _("Tốt")
    FAIR = "fair", _("Khá")
    AVERAGE = "average", _("Trung bình")


class Interaction(models.TextChoices):
    SATISFIED = "satisfied", _("Hài lòng")
    ACCEPTABLE = "acceptable", _("Chấp nhận được")
    DISSATISFIED = "dissatisfied", _("Không hài lòng")


class SupportFit(models.TextChoices):
    MEETS = "meets", _("Đáp ứng")
    PARTLY = "partly", _("Đáp ứng một phần")
    NOT = "not", _("Không đáp ứng")


# (field, label, choices): the survey's dimensions, in the plan's order.
DIMENSIONS = (
    ("interface", _("Giao diện"), Interface),
    ("content", _("Nội dung thông tin"), ContentFit),
    ("quality", _("Chất lượng thông tin"), Quality),
    ("interaction", _("Tương tác"), Interaction),
    ("support", _("Chức năng hỗ trợ"), SupportFit),
)


class SatisfactionResponse(TenantOwned):
    interface = models.CharField(_("giao diện"), max_length=12, choices=Interface.choices)
    content = models.CharField(_("nội dung"), max_length=12, choices=ContentFit.choices)
    quality = models.CharField(_("chất lượng thông tin"), max_length=12, choices=Quality.choices)
    interaction = models.CharField(_("tương tác"), max_length=12, choices=Interaction.choices)
    support = models.CharField(_("chức năng hỗ trợ"), max_length=12, choices=SupportFit.choices)
    other_requests = models.TextField(_("yêu cầu khác"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    visitor_hash = models.CharField(
        max_length=32, editable=False, verbose_name=_("mã ẩn danh người truy cập")
    )

    class Meta:
        verbose_name = _("phiếu khảo sát mức độ hài lòng")
        verbose_name_plural = _("khảo sát mức độ hài lòng")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "visitor_hash"], name="surveys_one_response_per_day"
            )
        ]
        indexes = [models.Index(fields=["tenant", "created_at"])]

    def __str__(self) -> str:
        return f"{self.tenant} {self.created_at:%d/%m/%Y %H:%M}"


class PageRating(TenantOwned):
    path = models.CharField(_("trang"), max_length=500)
    useful = models.BooleanField(_("hữu ích"))
    comment = models.TextField(_("góp ý"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    visitor_hash = models.CharField(
        max_length=32, editable=False, verbose_name=_("mã ẩn danh người truy cập")
    )

    class Meta:
        verbose_name = _("đánh giá trang")
        verbose_name_plural = pgettext_lazy("plural", "đánh giá trang")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "path", "visitor_hash"], name="surveys_one_rating_per_day"
            )
        ]
        indexes = [models.Index(fields=["tenant", "created_at"])]

    def __str__(self) -> str:
        return self.path


class PollQuerySet(TenantQuerySet):
    def visible(self) -> PollQuerySet:
        return self.filter(is_published=True)


class Poll(TenantOwned):
    """A staff poll ("Ý kiến về Trang thông tin điện tử"): one question, several options."""

    question = models.CharField(_("câu hỏi"), max_length=300)
    is_published = models.BooleanField(_("công khai"), default=True)
    closes_at = models.DateTimeField(_("kết thúc nhận ý kiến"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))

    objects = PollQuerySet.as_manager()

    class Meta:
        verbose_name = _("thăm dò ý kiến")
        verbose_name_plural = pgettext_lazy("plural", "thăm dò ý kiến")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.question

    def is_open(self, now=None) -> bool:
        return self.closes_at is None or (now or timezone.now()) < self.closes_at


class PollOption(models.Model):
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="options", verbose_name=_("cuộc thăm dò")
    )
    text = models.CharField(_("phương án"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("phương án")
        verbose_name_plural = pgettext_lazy("plural", "phương án")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class PollVote(models.Model):
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="votes", verbose_name=_("cuộc thăm dò")
    )
    option = models.ForeignKey(
        PollOption, on_delete=models.CASCADE, related_name="votes", verbose_name=_("phương án")
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("tạo lúc"))
    visitor_hash = models.CharField(
        max_length=32, editable=False, verbose_name=_("mã ẩn danh người truy cập")
    )

    class Meta:
        verbose_name = _("phiếu thăm dò")
        verbose_name_plural = pgettext_lazy("plural", "phiếu thăm dò")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "visitor_hash"], name="surveys_one_vote_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}:{self.option_id}"
