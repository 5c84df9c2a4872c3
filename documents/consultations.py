"""Citizens' comments on a draft under consultation: received while the window is open,
shown publicly once a moderator approves them. Views and admin actions call these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from .models import Comment, CommentStatus, Consultation

if TYPE_CHECKING:
    from citizens.models import Citizen


def receive_comment(
    consultation: Consultation, comment: Comment, *, citizen: Citizen | None = None
) -> Comment:
    """Store a comment on `consultation`, waiting for moderation; `citizen`: its signed-in
    author (citizens app), who finds it in their account."""
    comment.consultation = consultation
    comment.tenant_id = consultation.tenant_id
    comment.citizen = citizen
    comment.save()
    return comment


def moderate(comments: Iterable[Comment], status: CommentStatus, *, by: AbstractBaseUser) -> int:
    """Approve or reject comments; each change is saved, so the audit trail records it
    with the moderator (a queryset update() would bypass it). Returns how many were chosen."""
    count = 0
    with transaction.atomic(), set_actor(by):
        for comment in comments:
            count += 1
            if comment.status != status:
                comment.status = status
                comment.save(update_fields=["status"])
    return count
