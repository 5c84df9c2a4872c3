"""A citizen's request about their personal data (Decree 13/2023 Art. 9, 14, 16): staff
find what the portal holds for one person — by e-mail or by the tracking code of one of
their questions — export it, and erase it.

Erasing anonymises exactly as the retention purge does (operations/retention.py): the
published answer, the question's text and the statistics stay; name, e-mail, phone,
address, organisation, free-text notes and attached files go. A site administrator finds
and erases only the items of the sites they administer (`scope`); the editorial board, a
superuser and the management command see every site, and also the citizen accounts.
Each export and erase is an entry in the audit trail (accounts/audit.py).
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_security_event
from tenants.access import ADMIN_ROLES, PUBLISHING_ROLES, tenant_ids_for

from . import retention

if TYPE_CHECKING:
    from django.contrib.auth.models import User

EXPORTED = "personal_data_exported"
ERASED = "personal_data_erased"


class BadQuery(ValueError):
    """The request cannot be searched; the message says why, in the user's language."""


@dataclass(frozen=True)
class Query:
    by: str  # "email" or "tracking_code"
    value: str

    @property
    def masked(self) -> str:
        """What the audit trail keeps of the request: enough to match a complaint, not
        the address itself (it was erased on purpose)."""
        if self.by == "tracking_code":
            return self.value
        local, _at, domain = self.value.partition("@")
        return f"{local[:1]}***@{domain}"


def parse_query(raw: str) -> Query:
    """An e-mail address (has an "@") or a tracking code such as ABCD-EFGH-JKMN."""
    from dialogue.models import normalize_tracking_code

    text = (raw or "").strip()
    if not text:
        raise BadQuery(_("Hãy nhập địa chỉ thư điện tử hoặc mã tra cứu."))
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            raise BadQuery(
                _("“%(value)s” không phải là địa chỉ thư điện tử hợp lệ.") % {"value": text[:100]}
            ) from None
        return Query("email", text.lower())
    code = normalize_tracking_code(text)
    if not code:
        raise BadQuery(
            _(
                "“%(value)s” không phải là mã tra cứu hợp lệ: mã gồm 12 chữ và số, "
                "ví dụ ABCD-EFGH-JKMN."
            )
            % {"value": text[:100]}
        )
    return Query("tracking_code", code)


def scope(user) -> frozenset[int] | None:
    """The sites whose items `user` may find and erase: None = every site (a superuser or
    the editorial board); a site administrator their sites; anyone else none."""
    if (
        user.is_superuser
        or user.memberships.filter(
            include_descendants=True, tenant__parent__isnull=True, role__in=PUBLISHING_ROLES
        ).exists()
    ):
        return None
    return tenant_ids_for(user, ADMIN_ROLES)


def may_handle_requests(user) -> bool:
    return bool(user.is_active and user.is_staff) and scope(user) != frozenset()


@dataclass
class Found:
    """What is held for the person, per kind (querysets, already scoped)."""

    query: Query
    email: str  # the e-mail searched (from the code's question when searched by code)
    kinds: dict[str, models.QuerySet] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {key: queryset.count() for key, queryset in self.kinds.items()}

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def find(query: Query, *, tenant_ids: frozenset[int] | None) -> Found:
    """Everything held for the person on the sites `tenant_ids` (None = all). A tracking
    code finds its question and, through the question's e-mail, the rest."""
    from citizens.models import Citizen
    from dialogue.models import Inquiry, SessionQuestion
    from documents.models import Comment
    from surveys.models import PageRating, SatisfactionResponse

    email = query.value if query.by == "email" else ""
    by_code = Q(pk__in=[])
    if query.by == "tracking_code":
        inquiry = Inquiry.objects.filter(tracking_code=query.value).first()
        by_code = Q(tracking_code=query.value)
        email = (inquiry.email if inquiry else "").lower()
    citizens = Citizen.objects.filter(email__iexact=email) if email else Citizen.objects.none()

    def mine(queryset, *conditions: Q, tenant_path: str = "tenant_id"):
        condition = Q(pk__in=[])
        for extra in conditions:
            condition |= extra
        queryset = queryset.filter(condition)
        if tenant_ids is not None:
            queryset = queryset.filter(**{f"{tenant_path}__in": tenant_ids})
        return queryset.order_by("pk")

    by_email = Q(email__iexact=email) if email else Q(pk__in=[])
    signed_in = Q(citizen__in=citizens) if email else Q(pk__in=[])
    mention = {"comment__icontains": email} if email else {"pk__in": []}
    kinds = {
        "questions": mine(Inquiry.objects.select_related("tenant"), by_code, by_email, signed_in),
        "comments": mine(Comment.objects.select_related("tenant"), by_email, signed_in),
        "session_questions": mine(
            SessionQuestion.objects.select_related("session__tenant"),
            by_email,
            tenant_path="session__tenant_id",
        ),
        "ratings": mine(PageRating.objects.select_related("tenant"), Q(**mention)),
        "survey_answers": mine(
            SatisfactionResponse.objects.select_related("tenant"),
            Q(other_requests__icontains=email) if email else Q(pk__in=[]),
        ),
    }
    if tenant_ids is None:
        kinds["citizen_accounts"] = citizens.order_by("pk")
    return Found(query=query, email=email, kinds=kinds)


# --- export ----------------------------------------------------------------------------
def _when(value) -> str | None:
    return value.isoformat() if value else None


def _site(tenant) -> str:
    return str(tenant) if tenant else ""


def _record(key: str, row) -> dict:
    if key == "questions":
        return {
            "id": row.pk,
            "site": _site(row.tenant),
            "tracking_code": row.tracking_code,
            "sent_at": _when(row.created_at),
            "name": row.name,
            "email": row.email,
            "phone": row.phone,
            "title": row.title,
            "content": row.content,
            "status": row.get_status_display(),
            "answer": row.answer,
            "attachment": PurePosixPath(row.attachment.name).name if row.attachment else "",
        }
    if key == "comments":
        return {
            "id": row.pk,
            "site": _site(row.tenant),
            "sent_at": _when(row.created_at),
            "name": row.name,
            "email": row.email,
            "organisation": row.organisation,
            "consultation": str(row.consultation_id),
            "body": row.body,
            "status": row.get_status_display(),
            "attachment": PurePosixPath(row.attachment.name).name if row.attachment else "",
        }
    if key == "session_questions":
        return {
            "id": row.pk,
            "site": _site(row.session.tenant),
            "session": row.session.title,
            "sent_at": _when(row.created_at),
            "name": row.name,
            "email": row.email,
            "locality": row.locality,
            "content": row.content,
            "answer": row.answer,
        }
    if key == "ratings":
        return {
            "id": row.pk,
            "site": _site(row.tenant),
            "page": row.path,
            "at": _when(row.created_at),
            "note": row.comment,
        }
    if key == "survey_answers":
        return {
            "id": row.pk,
            "site": _site(row.tenant),
            "at": _when(row.created_at),
            "other_requests": row.other_requests,
        }
    return {  # citizen_accounts
        "id": row.pk,
        "issuer": row.issuer,
        "name": row.name,
        "email": row.email,
        "phone": row.phone,
        "created_at": _when(row.created_at),
        "last_sign_in_at": _when(row.last_sign_in_at),
    }


def as_data(found: Found) -> dict:
    return {
        "request": {"by": found.query.by, "value": found.query.value},
        "exported_at": timezone.now().isoformat(),
        "items": {
            key: [_record(key, row) for row in queryset] for key, queryset in found.kinds.items()
        },
    }


def export_zip(found: Found, *, actor: User | None = None, remote_addr: str | None = None) -> bytes:
    """data.json (UTF-8) and the attached files, as one ZIP; audited."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = as_data(found)
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for key in ("questions", "comments"):
            for row in found.kinds.get(key, []):
                if row.attachment:
                    name = PurePosixPath(row.attachment.name).name
                    with row.attachment.open("rb") as handle:
                        archive.writestr(f"attachments/{key}-{row.pk}-{name}", handle.read())
    _audit(EXPORTED, found, actor=actor, remote_addr=remote_addr)
    return buffer.getvalue()


# --- erase -----------------------------------------------------------------------------
def erase(
    found: Found, *, actor: User | None = None, remote_addr: str | None = None
) -> dict[str, int]:
    """Anonymise everything found, as the retention purge does; the number per kind."""
    from citizens.accounts import delete_account

    erasers = {kind.key: kind.erase for kind in retention.KINDS}
    done: dict[str, int] = {}
    with transaction.atomic():
        _audit(ERASED, found, actor=actor, remote_addr=remote_addr)
        for key, queryset in found.kinds.items():
            ids = [row.pk for row in queryset]
            if key == "citizen_accounts":
                for citizen in list(queryset):
                    delete_account(citizen)
                done[key] = len(ids)
            else:
                done[key] = erasers[key](queryset.model.objects.filter(pk__in=ids))
    return done


def _audit(event: str, found: Found, *, actor, remote_addr: str | None) -> None:
    """One entry about the staff account that acted (the person's records are being
    anonymised, so the entry keeps their ids and a masked request, not the e-mail)."""
    from django.contrib.auth import get_user_model

    subject = actor if getattr(actor, "pk", None) else get_user_model()(pk=0, username="manage.py")
    record_security_event(
        event,
        obj=subject,
        actor=actor,
        remote_addr=remote_addr,
        detail={
            "request": found.query.masked,
            "by": found.query.by,
            "items": {key: [row.pk for row in qs] for key, qs in found.kinds.items()},
            "via": "admin" if getattr(actor, "pk", None) else "command",
        },
    )
