"""Sync a source's catalogue from an export: validate all, then write all in one transaction.

`sync_source` is the one entry point: the management command, the admin import,
the nightly Celery task and the demo seed all call it. Every call is recorded as a
SyncRun; a failed or invalid run changes nothing, so the catalogue keeps serving
the last good data.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal import cache_dependencies, versions
from tenants.models import Tenant

from . import fetch, records
from .models import Assignment, DossierItem, Field, Procedure, ProcedureStatus, SyncRun, SyncSource

Progress = Callable[[int, int], None]
CATALOGUE_VERSION_KEY = "procedures:catalogue-version"
_BATCH = 500
logger = logging.getLogger(__name__)


@dataclass
class Plan:
    """What a sync would do; a dry run stops here."""

    create: list[records.Record] = field(default_factory=list)
    update: list[tuple[int, records.Record]] = field(default_factory=list)
    reinstate: list[tuple[int, records.Record]] = field(default_factory=list)
    withdraw: list[int] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changes(self) -> int:
        return len(self.create) + len(self.update) + len(self.reinstate) + len(self.withdraw)


class SyncFailed(Exception):
    """Raised by `sync_source(..., raise_errors=True)` after the failure was recorded."""

    def __init__(self, run: SyncRun):
        self.run = run
        super().__init__("; ".join(run.errors[:5]))


def sync_source(
    source: SyncSource,
    *,
    data: bytes | None = None,
    filename: str = "",
    dry_run: bool = False,
    trigger: str = "manual",
    progress: Progress | None = None,
    raise_errors: bool = False,
) -> SyncRun:
    """Fetch (unless `data` is given), validate and apply; always returns the recorded run."""
    started = time.monotonic()
    run = SyncRun.objects.create(source=source, trigger=trigger[:40], dry_run=dry_run)
    try:
        if data is None:
            if not source.url:
                raise fetch.FetchError(_("Nguồn chưa có địa chỉ tải dữ liệu."))
            data = fetch.fetch_url(source.url)
            filename = filename or source.url
        if len(data) > fetch.max_bytes():
            raise fetch.FetchError(fetch.too_large_message(len(data), fetch.max_bytes()))
        raw = records.parse(data, filename)
        known = _tenant_ids_by_slug(source.tenant)
        checked = records.validate(raw, set(known))
        with transaction.atomic():
            # One sync per source at a time (nightly task and an admin import may meet).
            SyncSource.objects.select_for_update().filter(pk=source.pk).first()
            plan = make_plan(source, checked)
            if not dry_run:
                # Translated fields are written per language: pin the default one.
                with translation.override(settings.LANGUAGE_CODE):
                    apply_plan(source, plan, known, progress=progress)
        _fill_counts(run, plan)
        run.outcome = SyncRun.Outcome.OK
    except records.InvalidExport as exc:
        run.outcome = SyncRun.Outcome.INVALID
        run.errors = [str(p) for p in exc.problems[:500]]
        if len(exc.problems) > 500:
            run.errors.append(_("… và %(n)d lỗi khác.") % {"n": len(exc.problems) - 500})
    except fetch.FetchError as exc:
        run.outcome = SyncRun.Outcome.FAILED
        run.errors = [str(exc)]
    except Exception as exc:  # noqa: BLE001 - recorded; the rolled-back catalogue keeps serving
        logger.exception("Procedure sync of source %s failed", source.pk)
        run.outcome = SyncRun.Outcome.FAILED
        run.errors = [_("Lỗi khi ghi dữ liệu: %(error)s") % {"error": exc}]
    run.finished_at = timezone.now()
    run.seconds = round(time.monotonic() - started, 3)
    run.save()
    if raise_errors and run.outcome != SyncRun.Outcome.OK:
        raise SyncFailed(run)
    return run


def make_plan(source: SyncSource, checked: list[records.Record]) -> Plan:
    plan = Plan()
    existing = {
        code: (pk, digest, status)
        for pk, code, digest, status in Procedure.objects.filter(source=source).values_list(
            "pk", "code", "content_hash", "status"
        )
    }
    incoming = set()
    for record in checked:
        incoming.add(record.code)
        if record.code not in existing:
            plan.create.append(record)
            continue
        pk, digest, status = existing[record.code]
        if status == ProcedureStatus.WITHDRAWN:
            plan.reinstate.append((pk, record))
        elif digest != record.hash:
            plan.update.append((pk, record))
        else:
            plan.unchanged += 1
    plan.withdraw = [
        pk
        for code, (pk, _d, status) in existing.items()
        if code not in incoming and status == ProcedureStatus.ACTIVE
    ]
    return plan


def apply_plan(
    source: SyncSource, plan: Plan, tenant_ids: dict[str, int], *, progress: Progress | None = None
) -> None:
    """Write the plan; the caller holds the transaction."""
    now = timezone.now()
    total = plan.changes or 1
    done = 0
    fields = _sync_fields(
        source, [r for r in plan.create] + [r for _pk, r in plan.update + plan.reinstate]
    )

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(min(done, total), total)

    for batch in _batches(plan.create):
        objs = [
            _build(Procedure(source=source, tenant_id=source.tenant_id), r, fields, tenant_ids, now)
            for r in batch
        ]
        Procedure.objects.bulk_create(objs)
        _write_children(list(zip([o.pk for o in objs], batch, strict=True)), tenant_ids)
        step(len(batch))
    changed = plan.update + plan.reinstate
    for batch in _batches(changed):
        by_pk = Procedure.objects.in_bulk([pk for pk, _r in batch])
        objs = [_build(by_pk[pk], r, fields, tenant_ids, now) for pk, r in batch]
        for obj in objs:
            obj.status, obj.withdrawn_at = ProcedureStatus.ACTIVE, None
        Procedure.objects.bulk_update(objs, _UPDATE_FIELDS)
        DossierItem.objects.filter(procedure_id__in=[pk for pk, _r in batch]).delete()
        Assignment.objects.filter(procedure_id__in=[pk for pk, _r in batch]).delete()
        _write_children(batch, tenant_ids)
        step(len(batch))
    if plan.withdraw:
        Procedure.objects.filter(pk__in=plan.withdraw).update(
            status=ProcedureStatus.WITHDRAWN, withdrawn_at=now, synced_at=now
        )
        step(len(plan.withdraw))
    if plan.changes:
        changed_ids = [pk for pk, _r in changed] + plan.withdraw
        transaction.on_commit(lambda: _after_commit(source, changed_ids, plan.create))


_UPDATE_FIELDS = [
    "code", "name_vi", "name_en", "field", "agency_tenant", "agency_name", "agency_slug",
    "level", "processing_time", "fees", "steps", "method", "requirements", "result",
    "online_level", "partial_reason", "submission_url", "legal_basis", "status", "search_text",
    "sort_name", "content_hash", "synced_at", "withdrawn_at",
    "en_source_hash", "en_updated_at", "vi_updated_at",
]  # fmt: skip


def _build(
    obj: Procedure, record: records.Record, fields: dict[str, Field], tenant_ids, now
) -> Procedure:
    v = record.values
    field_obj = fields[v["field_code"]]
    obj.code = record.code
    obj.name_vi = v["name"]
    obj.name_en = v.get("name_en", "")
    obj.field = field_obj
    obj.agency_tenant_id = tenant_ids.get(v["agency_tenant"]) if v.get("agency_tenant") else None
    obj.agency_name = v["agency_name"]
    obj.agency_slug = records.agency_slug(v["agency_name"])
    for name in ("level", "processing_time", "fees", "steps", "method", "requirements", "result",
                 "online_level", "partial_reason", "submission_url"):  # fmt: skip
        setattr(obj, name, v.get(name, ""))
    obj.legal_basis = record.legal_basis
    obj.search_text = records.search_text(v, field_obj.name_vi or field_obj.name)
    obj.sort_name = records.sort_key(v["name"])
    obj.content_hash = record.hash
    obj.synced_at = now
    obj.mark_english_current(now)  # the English name came with the Vietnamese one
    return obj


def _write_children(pairs: list[tuple[int, records.Record]], tenant_ids: dict[str, int]) -> None:
    DossierItem.objects.bulk_create(
        [
            DossierItem(
                procedure_id=pk,
                position=i,
                name=item.get("name", ""),
                quantity=item.get("quantity", ""),
                form_name=item.get("form_name", ""),
                form_url=item.get("form_url", ""),
            )  # fmt: skip
            for pk, record in pairs
            for i, item in enumerate(record.dossier)
        ],
        batch_size=2000,
    )
    Assignment.objects.bulk_create(
        [
            Assignment(procedure_id=pk, tenant_id=tenant_ids[slug])
            for pk, record in pairs
            for slug in record.tenants
        ],
        batch_size=2000,
    )


def _sync_fields(source: SyncSource, touched: list[records.Record]) -> dict[str, Field]:
    """Fields by code, created or renamed as the export says."""
    fields = {f.code: f for f in Field.objects.filter(source=source)}
    wanted: dict[str, tuple[str, str]] = {}
    for r in touched:
        wanted.setdefault(
            r.values["field_code"], (r.values["field_name"], r.values.get("field_name_en", ""))
        )
    for code, (name, name_en) in wanted.items():
        current = fields.get(code)
        if current is None:
            fields[code] = Field.objects.create(
                source=source, code=code, name_vi=name, name_en=name_en
            )
        elif (current.name_vi, current.name_en or "") != (name, name_en):
            current.name_vi, current.name_en = name, name_en
            current.save(update_fields=["name_vi", "name_en"])
    return fields


def _tenant_ids_by_slug(root: Tenant) -> dict[str, int]:
    """The tenants a source may assign procedures to: its owner's subtree."""
    return dict(Tenant.objects.filter(root.subtree_q()).values_list("slug", "pk"))


def _after_commit(
    source: SyncSource, changed_ids: list[int], created: list[records.Record]
) -> None:
    from search.indexing import request_reindex_many

    bump_catalogue_version()
    created_ids = Procedure.objects.filter(
        source=source, code__in=[r.code for r in created]
    ).values_list("pk", flat=True)
    # One index task per batch of procedures, not one per procedure (5,000 in an import).
    request_reindex_many(Procedure, set(changed_ids) | set(created_ids))


def bump_catalogue_version() -> None:
    """Facet counts and statistics are cached under this version; a sync invalidates them."""
    versions.bump(CATALOGUE_VERSION_KEY)
    cache_dependencies.changed(everywhere=True)  # bulk writes: no model signal reaches pages


def catalogue_version() -> int:
    return versions.current(CATALOGUE_VERSION_KEY)


def _fill_counts(run: SyncRun, plan: Plan) -> None:
    run.created = len(plan.create)
    run.updated = len(plan.update)
    run.reinstated = len(plan.reinstate)
    run.withdrawn = len(plan.withdraw)
    run.unchanged = plan.unchanged


def _batches(items: list, size: int = _BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]
