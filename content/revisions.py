"""Article version history: a snapshot of the text on every change; restore any of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.conf import settings
from django.db import transaction

from portal.rules import RuleError
from tenants.access import EDITING_ROLES, has_role

from .models import Article, ArticleRevision

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SNAPSHOT_FIELDS = ("title", "summary", "body", "author", "source")


class RevisionError(RuleError):
    """A restore that is not allowed; the message is shown to the user as is."""


def _field_names() -> list[str]:
    names = []
    for field in SNAPSHOT_FIELDS:
        if field in ("author", "source"):
            names.append(field)
        else:
            names.extend(f"{field}_{code}" for code, _name in settings.LANGUAGES)
    return names


def snapshot(article: Article) -> dict:
    data = {name: getattr(article, name) for name in _field_names()}
    data["category_id"] = article.category_id
    data["cover_id"] = article.cover_id
    return data


def record(article: Article) -> ArticleRevision | None:
    """Keep a revision unless nothing changed since the last one."""
    data = snapshot(article)
    last = article.revisions.only("data").first()
    if last is not None and last.data == data:
        return None
    return ArticleRevision.objects.create(article=article, data=data)


def restore(revision: ArticleRevision, *, by: User) -> Article:
    """Bring an earlier text back; the current text stays in the history."""
    article = revision.article
    if not has_role(by, article.tenant_id, EDITING_ROLES):
        from django.utils.translation import gettext as _

        raise RevisionError(_("Bạn không có quyền biên tập nội dung của đơn vị này."))
    with transaction.atomic(), set_actor(by):
        for name, value in revision.data.items():
            if name == "category_id" and value is None:
                continue
            setattr(article, name, value)
        article.save()
    return article
