"""The audit trail (django-auditlog LogEntry) of a subtree, a period, a user or a model.

A log entry has no tenant of its own: it belongs to the subtree when its object is a
tenant of the subtree or a tenant-owned object (a model with a `tenant` foreign key) of
one. Entries of other models (users, sessions...) are shown to superusers only. An object
deleted since keeps its entries out of a non-superuser's export: its tenant is unknown.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from tenants.models import Tenant

AUDIT_COLUMNS = [
    ("timestamp", "Thời điểm"),
    ("actor", "Người thực hiện"),
    ("action", "Hành động"),
    ("model", "Loại dữ liệu"),
    ("object_id", "Mã đối tượng"),
    ("object", "Đối tượng"),
    ("changes", "Thay đổi"),
    ("remote_addr", "Địa chỉ truy cập"),
]
ACTIONS = {0: "tạo", 1: "sửa", 2: "xóa", 3: "truy cập"}


def audit_queryset(
    root: Tenant,
    since: datetime,
    until: datetime,
    *,
    allowed_ids: frozenset[int] | None,
    actor_id: int | None = None,
    model: str = "",
):
    tenant_ids = Tenant.objects.filter(root.subtree_q())
    if allowed_ids is not None:
        tenant_ids = tenant_ids.filter(pk__in=allowed_ids)
    tenant_ids = tenant_ids.values("pk")
    entries = LogEntry.objects.filter(timestamp__gte=since, timestamp__lt=until)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    if model:
        app_label, _, model_name = model.partition(".")
        entries = entries.filter(
            content_type__app_label=app_label, content_type__model=model_name.lower()
        )
    scope = Q(pk__in=[])
    content_type_ids = entries.values_list("content_type_id", flat=True).distinct()
    for content_type in ContentType.objects.filter(pk__in=list(content_type_ids)):
        model_class = content_type.model_class()
        if model_class is None:
            continue
        if model_class is Tenant:
            scope |= Q(content_type=content_type, object_id__in=tenant_ids)
        elif any(f.name == "tenant" and f.is_relation for f in model_class._meta.fields):
            owned = model_class._default_manager.filter(tenant_id__in=tenant_ids).values("pk")
            scope |= Q(content_type=content_type, object_id__in=owned)
        elif allowed_ids is None:
            scope |= Q(content_type=content_type)
    return entries.filter(scope).select_related("actor", "content_type").order_by("timestamp")


def audit_rows(queryset) -> Iterator[dict]:
    for entry in queryset.iterator(chunk_size=2000):
        yield {
            "timestamp": entry.timestamp,
            "actor": entry.actor.get_username() if entry.actor else (entry.actor_email or ""),
            "action": ACTIONS.get(entry.action, str(entry.action)),
            "model": f"{entry.content_type.app_label}.{entry.content_type.model}",
            "object_id": entry.object_pk,
            "object": entry.object_repr[:300],
            "changes": json.dumps(entry.changes, ensure_ascii=False)[:2000]
            if entry.changes
            else "",
            "remote_addr": entry.remote_addr or "",
        }
