"""Retention of citizens' personal data (Decree 13/2023): past its period, a record keeps
what was published and what statistics count, and loses who sent it: name, e-mail, phone,
address, organisation, free-text notes and attached files. Audit entries lose the address
they came from. Periods in settings.PERSONAL_DATA_RETENTION_DAYS (docs/security.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

ANONYMOUS = "(đã ẩn danh)"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    expired: Callable[[object], QuerySet]  # cutoff -> rows still holding personal data
    erase: Callable[[QuerySet], int]


def _delete_files(queryset: QuerySet, field: str) -> None:
    for row in queryset.exclude(**{field: ""}).only("pk", field):
        getattr(row, field).delete(save=False)


# --- the kinds -----------------------------------------------------------------------
def _questions(cutoff):
    from dialogue.models import Inquiry

    held = Q(email__gt="") | Q(phone__gt="") | Q(attachment__gt="") | Q(citizen__isnull=False)
    return Inquiry.objects.filter(created_at__lt=cutoff).filter(held)


def _erase_questions(queryset) -> int:
    _delete_files(queryset, "attachment")
    return queryset.update(name=ANONYMOUS, email="", phone="", attachment="", citizen=None)


def _comments(cutoff):
    from documents.models import Comment

    held = Q(email__gt="") | Q(organisation__gt="") | Q(attachment__gt="")
    held |= Q(citizen__isnull=False)
    return Comment.objects.filter(created_at__lt=cutoff).filter(held)


def _erase_comments(queryset) -> int:
    _delete_files(queryset, "attachment")
    return queryset.update(name=ANONYMOUS, email="", organisation="", attachment="", citizen=None)


def _session_questions(cutoff):
    from dialogue.models import SessionQuestion

    held = Q(email__gt="") | Q(locality__gt="") | ~Q(name=ANONYMOUS)
    return SessionQuestion.objects.filter(created_at__lt=cutoff).filter(held)


def _erase_session_questions(queryset) -> int:
    return queryset.update(name=ANONYMOUS, email="", locality="")


def _ratings(cutoff):
    from surveys.models import PageRating

    return PageRating.objects.filter(created_at__lt=cutoff).filter(
        Q(comment__gt="") | Q(visitor_hash__gt="")
    )


def _erase_ratings(queryset) -> int:
    return queryset.update(comment="", visitor_hash="")


def _survey_answers(cutoff):
    from surveys.models import SatisfactionResponse

    return SatisfactionResponse.objects.filter(created_at__lt=cutoff).filter(
        Q(other_requests__gt="") | Q(visitor_hash__gt="")
    )


def _erase_survey_answers(queryset) -> int:
    return queryset.update(other_requests="", visitor_hash="")


def _audit_addresses(cutoff):
    from auditlog.models import LogEntry

    return LogEntry.objects.filter(timestamp__lt=cutoff, remote_addr__isnull=False)


def _erase_audit_addresses(queryset) -> int:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    cutoff = timezone.now() - timedelta(days=period("audit_ip"))
    AccessLog.objects.filter(attempt_time__lt=cutoff).delete()
    AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()
    AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()
    return queryset.update(remote_addr=None)


KINDS = (
    Kind("questions", "Câu hỏi, kiến nghị của công dân", _questions, _erase_questions),
    Kind("comments", "Góp ý dự thảo", _comments, _erase_comments),
    Kind("session_questions", "Câu hỏi đối thoại trực tuyến", _session_questions,
         _erase_session_questions),
    Kind("ratings", "Ghi chú đánh giá trang", _ratings, _erase_ratings),
    Kind("survey_answers", "Ý kiến khảo sát", _survey_answers, _erase_survey_answers),
    Kind("audit_ip", "Địa chỉ IP trong nhật ký", _audit_addresses, _erase_audit_addresses),
)  # fmt: skip


def period(key: str) -> int:
    return int(settings.PERSONAL_DATA_RETENTION_DAYS[key])


def purge(*, dry_run: bool = False, now=None) -> dict[str, int]:
    """Anonymise every record past its period; the number per kind (what would be, in a
    dry run). Idempotent: an anonymised record no longer matches."""
    now = now or timezone.now()
    done: dict[str, int] = {}
    for kind in KINDS:
        expired = kind.expired(now - timedelta(days=period(kind.key)))
        if dry_run:
            done[kind.key] = expired.count()
            continue
        with transaction.atomic():
            done[kind.key] = kind.erase(expired)
    return done
