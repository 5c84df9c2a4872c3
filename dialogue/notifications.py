"""Mail to the asker: the tracking code on receipt, then each status change.

Run by dialogue.tasks after commit, with ids. A mail server that is down must not undo
the citizen's submission: connection errors (OSError) are retried by the task, other
failures are logged.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tenants.site import primary_hostnames

from .models import Inquiry, InquiryStatus

logger = logging.getLogger(__name__)


def _tracking_url(inquiry: Inquiry) -> str:
    hostname = primary_hostnames([inquiry.tenant_id]).get(inquiry.tenant_id, "")
    with translation.override("vi"):
        path = reverse("dialogue:track")
    return f"https://{hostname}{path}" if hostname else path


def _send(inquiry: Inquiry, subject: str, lines: list[str]) -> None:
    try:
        send_mail(
            subject,
            "\n".join(lines),
            settings.DEFAULT_FROM_EMAIL,
            [inquiry.email],
        )
    except OSError:
        raise  # the task retries
    except Exception:  # noqa: BLE001 - a bad address must not block the pipeline
        logger.exception("could not mail inquiry %s", inquiry.pk)


def received(inquiry_id: int) -> None:
    inquiry = Inquiry.objects.select_related("tenant").filter(pk=inquiry_id).first()
    if inquiry is None:
        return
    with translation.override("vi"):
        _send(
            inquiry,
            _("[%(site)s] Đã tiếp nhận: mã tra cứu %(code)s")
            % {"site": inquiry.tenant.name, "code": inquiry.tracking_code},
            [
                _("Kính gửi %(name)s,") % {"name": inquiry.name},
                "",
                _("%(site)s đã tiếp nhận “%(title)s”.")
                % {"site": inquiry.tenant.name, "title": inquiry.title},
                _("Mã tra cứu: %(code)s") % {"code": inquiry.tracking_code},
                _("Hạn trả lời: %(date)s") % {"date": f"{inquiry.deadline:%d/%m/%Y}"},
                _("Tra cứu tình trạng tại: %(url)s") % {"url": _tracking_url(inquiry)},
            ],
        )


def status_changed(inquiry_id: int, status: str) -> None:
    """Tell the asker of the transition to `status` (as it was when it happened)."""
    inquiry = Inquiry.objects.select_related("tenant").filter(pk=inquiry_id).first()
    if inquiry is None:
        return
    with translation.override("vi"):
        lines = [
            _("Kính gửi %(name)s,") % {"name": inquiry.name},
            "",
            _("“%(title)s” (mã %(code)s) chuyển sang trạng thái: %(status)s.")
            % {
                "title": inquiry.title,
                "code": inquiry.tracking_code,
                "status": InquiryStatus(status).label,
            },
        ]
        if status == InquiryStatus.DECLINED:
            lines.append(_("Lý do: %(reason)s") % {"reason": inquiry.decline_reason})
        if status == InquiryStatus.ANSWERED:
            lines += ["", inquiry.answer]
        lines.append(_("Tra cứu tại: %(url)s") % {"url": _tracking_url(inquiry)})
        _send(
            inquiry,
            _("[%(site)s] Cập nhật mã %(code)s")
            % {"site": inquiry.tenant.name, "code": inquiry.tracking_code},
            lines,
        )
