"""The dashboard's backup warning: the last successful backup is older than allowed."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import BackupRecord


def stale_backup_warning() -> str:
    """A message for the operator, or "" when backups are off or recent enough."""
    if not settings.BACKUP_DIR:
        return ""
    last = BackupRecord.objects.filter(ok=True).order_by("-created_at").first()
    limit = timedelta(hours=settings.BACKUP_MAX_AGE_HOURS)
    if last is None:
        return _("Chưa có bản sao lưu thành công nào: chạy manage.py backup.")
    if timezone.now() - last.created_at <= limit:
        return ""
    return _("Bản sao lưu thành công gần nhất lúc %(when)s, đã quá %(hours)d giờ.") % {
        "when": date_format(timezone.localtime(last.created_at), "d/m/Y H:i"),
        "hours": settings.BACKUP_MAX_AGE_HOURS,
    }
