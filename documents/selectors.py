"""Read-side queries for the public pages, feeds and other apps: scoping, filters,
number and word search, and keyset pagination (deep pages cost what page 1 costs)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Consultation, Document, DocumentField, DocumentKind, DocumentType, LegalStatus
from .numbers import fold_text, normalise_number

PAGE_SIZE = 20
COUNT_LIMIT = 1000
_NUMBER_LIKE = re.compile(r"\d.*[/-]|[/-].*\d")


def published_documents(tenant) -> QuerySet[Document]:
    return Document.objects.for_tenant(tenant).published()


def subtree_documents(tenant) -> QuerySet[Document]:
    return Document.objects.for_subtree(tenant).published()


def readable_documents(tenant) -> QuerySet[Document]:
    """What a site may show in full: its own, its ancestors' (a commune cites a provincial
    decision) and its subtree's (the province lists its sites). Never a sibling's."""
    return Document.objects.published().for_lineage(tenant)


def status_q(status: str, today: date | None = None) -> Q:
    """The legal status as a query, mirroring Document.legal_status()."""
    today = today or timezone.localdate()
    expired = Q(expires_on__lte=today)
    not_yet = Q(effective_on__gt=today) | Q(effective_on__isnull=True, issued_on__gt=today)
    if status == LegalStatus.EXPIRED:
        return expired
    if status == LegalStatus.NOT_YET:
        return not_yet & ~expired
    if status == LegalStatus.PARTLY_EXPIRED:
        return Q(partly_expired=True) & ~expired & ~not_yet
    if status == LegalStatus.IN_FORCE:
        return Q(partly_expired=False) & ~expired & ~not_yet
    return Q()


def search_q(text: str) -> Q:
    """A number ("15/2024/qd-ubnd") or words of the summary, with or without diacritics."""
    text = (text or "").strip()[:200]
    if not text:
        return Q()
    words = [w for w in fold_text(text).split() if len(w) > 1 or w.isdigit()][:8]
    by_words = Q()
    for word in words:
        by_words &= Q(summary_folded__contains=word)
    number = normalise_number(text)
    if _NUMBER_LIKE.search(text):
        return Q(number_normalised__contains=number) | (by_words if words else Q(pk__in=[]))
    return by_words | Q(number_normalised=number) if words else Q(number_normalised=number)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Số, ký hiệu hoặc trích yếu"), required=False, max_length=200)
    type = forms.ModelChoiceField(
        label=_("Loại văn bản"),
        queryset=DocumentType.objects.all(),
        required=False,
        empty_label=_("Tất cả"),
    )
    kind = forms.ChoiceField(
        label=_("Nhóm văn bản"), choices=[("", _("Tất cả"))] + DocumentKind.choices, required=False
    )
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=DocumentField.objects.all(),
        required=False,
        empty_label=_("Tất cả"),
    )
    year = forms.IntegerField(
        label=_("Năm ban hành"), required=False, min_value=1945, max_value=2100
    )
    status = forms.ChoiceField(
        label=_("Hiệu lực"), choices=[("", _("Tất cả"))] + LegalStatus.choices, required=False
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=120)
    sort = forms.ChoiceField(
        label=_("Sắp xếp"),
        choices=[("new", _("Mới ban hành trước")), ("old", _("Cũ trước"))],
        required=False,
    )


def filter_documents(queryset: QuerySet[Document], data: dict) -> QuerySet[Document]:
    if data.get("q"):
        queryset = queryset.filter(search_q(data["q"]))
    if data.get("type"):
        queryset = queryset.filter(doc_type=data["type"])
    if data.get("kind"):
        queryset = queryset.filter(kind=data["kind"])
    if data.get("field"):
        queryset = queryset.filter(field=data["field"])
    if data.get("year"):
        queryset = queryset.filter(issued_on__year=data["year"])
    if data.get("status"):
        queryset = queryset.filter(status_q(data["status"]))
    if data.get("issuer"):
        queryset = queryset.filter(issuing_body__icontains=data["issuer"])
    return queryset


@dataclass
class KeysetPage:
    items: list
    next_cursor: str = ""
    previous_cursor: str = ""
    total: int = 0
    total_is_lower_bound: bool = False
    extra: dict = field(default_factory=dict)


def _parse_cursor(cursor: str) -> tuple[date, int] | None:
    try:
        day, pk = cursor.split("_", 1)
        return date.fromisoformat(day), int(pk)
    except (ValueError, TypeError):
        return None


def _cursor(document: Document) -> str:
    return f"{document.issued_on.isoformat()}_{document.pk}"


def keyset_page(
    queryset: QuerySet[Document],
    *,
    after: str = "",
    before: str = "",
    newest_first: bool = True,
    size: int = PAGE_SIZE,
) -> KeysetPage:
    """One page ordered by (issued_on, id), continuing after/before a cursor, with a count
    that stops at COUNT_LIMIT."""
    total = queryset.order_by()[: COUNT_LIMIT + 1].count()
    sign = "-" if newest_first else ""
    order = [f"{sign}issued_on", f"{sign}id"]
    backwards = False
    key = _parse_cursor(after) if after else None
    if not key and before:
        key, backwards = _parse_cursor(before), True
    page_qs = queryset
    if key:
        day, pk = key
        going_down = newest_first != backwards
        if going_down:
            page_qs = page_qs.filter(Q(issued_on__lt=day) | Q(issued_on=day, id__lt=pk))
        else:
            page_qs = page_qs.filter(Q(issued_on__gt=day) | Q(issued_on=day, id__gt=pk))
    if backwards:
        order = [o[1:] if o.startswith("-") else f"-{o}" for o in order]
    rows = list(page_qs.order_by(*order)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    page = KeysetPage(
        items=rows, total=min(total, COUNT_LIMIT), total_is_lower_bound=total > COUNT_LIMIT
    )
    if rows:
        has_next = more if not backwards else True
        has_previous = more if backwards else bool(key)
        page.next_cursor = _cursor(rows[-1]) if has_next else ""
        page.previous_cursor = _cursor(rows[0]) if has_previous else ""
    return page


def related_documents(document: Document, tenant) -> list[tuple[str, Document]]:
    """(label, document) both ways, limited to what this site may show."""
    from .models.document import REVERSE_LABELS, RelationKind

    readable = readable_documents(tenant).values("pk")
    pairs: list[tuple[str, Document]] = []
    outgoing = document.relations_out.filter(target__in=readable).select_related("target__doc_type")
    for relation in outgoing:
        pairs.append((RelationKind(relation.kind).label, relation.target))
    incoming = document.relations_in.filter(source__in=readable).select_related("source__doc_type")
    for relation in incoming:
        pairs.append((REVERSE_LABELS[RelationKind(relation.kind)], relation.source))
    return pairs


def published_consultations(tenant) -> QuerySet[Consultation]:
    return Consultation.objects.for_tenant(tenant).published()
