"""Merge sites: `merge_sites` checks and records the operation, `execute` runs it in
batches (from a Celery task, a command or a test) and can be run again after a crash:
every batch commits with its cursor, so a rerun continues where the last one stopped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.models import Domain, OperationKind, OperationState, SiteOperation, Tenant
from tenants.models_lifecycle import UNFINISHED_STATES
from tenants.models_redirects import RedirectReason
from tenants.redirects import record_host_redirect
from tenants.resolution import bump_tree_version

from .context import LifecycleError, MoveContext, hostnames_of
from .moving import move_batch
from .plan import MergePlan, NewSite, plan_merge
from .rules import How, MoveRule, OnClash, all_rules

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BATCH_SIZE = 500


def merge_sites(
    sources: Sequence[Tenant],
    target: Tenant | NewSite,
    *,
    by: User | None = None,
    plan: MergePlan | None = None,
    run: bool = True,
) -> SiteOperation:
    """Record a merge (refused with LifecycleError when it cannot run) and start it in the
    background once the transaction commits. The plan is the one the preview showed."""
    plan = plan or plan_merge(sources, target)
    return start_operation(OperationKind.MERGE, sources, target, by=by, plan=plan, run=run)


def start_operation(
    kind: str,
    sources: Sequence[Tenant],
    target: Tenant | NewSite,
    *,
    by: User,
    plan: MergePlan,
    run: bool,
) -> SiteOperation:
    """Record a merge or a split under row locks (a site already in an unfinished
    operation is refused) and queue it once the transaction commits."""
    if plan.errors:
        raise LifecycleError(" ".join(plan.errors))
    with transaction.atomic():
        locked = list(Tenant.objects.select_for_update().filter(pk__in=[s.pk for s in sources]))
        _refuse_if_busy(locked + ([target] if isinstance(target, Tenant) else []))
        operation = SiteOperation.objects.create(
            kind=kind,
            target=target if isinstance(target, Tenant) else None,
            plan=plan.to_json(),
            created_by=by if getattr(by, "pk", None) else None,
        )
        operation.sources.set(sources)
        if run:
            from operations import outbox
            from tenants.tasks import run_site_operation

            outbox.enqueue_on_commit(run_site_operation, operation.pk)
    return operation


def _refuse_if_busy(tenants: list[Tenant]) -> None:
    busy = (
        SiteOperation.objects.filter(state__in=UNFINISHED_STATES)
        .filter(Q(sources__in=tenants) | Q(target__in=tenants))
        .order_by("pk")
        .first()
    )
    if busy is not None:
        raise LifecycleError(
            _("Đơn vị này đang trong thao tác #%(id)s chưa hoàn tất: chạy tiếp thao tác đó trước.")
            % {"id": busy.pk}
        )


def execute(
    operation_id: int, *, batch_size: int = BATCH_SIZE, max_batches: int | None = None
) -> SiteOperation:
    """Run (or resume) a merge. With `max_batches`, stop after that many batches and
    leave the operation running, as a crash would; call again to continue."""
    operation = SiteOperation.objects.get(pk=operation_id)
    if operation.state == OperationState.DONE:
        return operation
    if operation.started_at is None:
        operation.started_at = timezone.now()
    operation.state = OperationState.RUNNING
    operation.error = ""
    operation.save(update_fields=["state", "started_at", "error"])
    try:
        with set_actor(operation.created_by) if operation.created_by else _nothing():
            finished = _run(operation, batch_size, max_batches)
    except Exception as exc:
        SiteOperation.objects.filter(pk=operation.pk).update(
            state=OperationState.FAILED, error=str(exc)[:2000]
        )
        raise
    if finished:
        operation.state = OperationState.DONE
        operation.finished_at = timezone.now()
        operation.save(update_fields=["state", "finished_at"])
        bump_tree_version()
    return operation


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _run(operation: SiteOperation, batch_size: int, max_batches: int | None) -> bool:
    target = _target(operation)
    target_host = _primary_host(target)
    clash_modes = {
        label: OnClash(mode) for label, mode in operation.plan.get("clash_modes", {}).items()
    }
    rules = all_rules()
    batches = 0
    split = operation.kind == OperationKind.SPLIT
    selection = operation.plan.get("selection") if split else None
    for source in operation.sources.order_by("pk"):
        ctx = MoveContext(
            operation=operation,
            source=source,
            target=target,
            source_hosts=hostnames_of(source),
            target_host=target_host,
            clash_modes=clash_modes,
            batch_size=batch_size,
            selection=selection,
            reason=RedirectReason.SPLIT if split else RedirectReason.MERGE,
        )
        for rule in rules.values():
            if selection is not None and rule.label not in selection:
                continue  # a split moves only what was chosen
            while not ctx.step(rule).get("done"):
                if max_batches is not None and batches >= max_batches:
                    return False
                _apply(ctx, rule)
                batches += 1
        if not split:
            _retire(ctx)
    return True


def _apply(ctx: MoveContext, rule: MoveRule) -> None:
    if rule.how == How.MOVE:
        move_batch(ctx, rule)
        return
    with transaction.atomic():
        if rule.how == How.CUSTOM and rule.mover is not None:
            result = rule.mover(ctx, rule)
        else:
            from .context import BatchResult

            result = BatchResult(done=True)
        for key in rule.repoint:
            rule.model._base_manager.filter(**{key: ctx.source}).update(**{key: ctx.target})
        ctx.save_progress(rule, result, 0)


def _target(operation: SiteOperation) -> Tenant:
    """The target site, created on the first run for a merge into a new site."""
    if operation.target_id:
        return operation.target
    new = NewSite.from_json(operation.plan["new_target"])
    with transaction.atomic():
        target = new.create()
        operation.target = target
        operation.save(update_fields=["target"])
    return target


def _primary_host(target: Tenant) -> str:
    host = (
        Domain.objects.filter(tenant=target)
        .order_by("-is_primary", "hostname")
        .values_list("hostname", flat=True)
        .first()
    )
    if not host:
        raise LifecycleError(_("Đơn vị đích chưa có tên miền."))
    return host


def _retire(ctx: MoveContext) -> None:
    """Every hostname of the source answers from the redirect table; the site is archived."""
    step = ctx.operation.progress.setdefault("retired", [])
    if ctx.source.pk in step:
        return
    with transaction.atomic():
        for host in ctx.source_hosts:
            record_host_redirect(
                hostname=host,
                target_host=ctx.target_host,
                reason=RedirectReason.MERGE,
                tenant=ctx.target,
            )
            ctx.operation.redirects += 1
        source = Tenant.objects.get(pk=ctx.source.pk)
        source.is_active, source.is_archived = False, True
        source.save()  # audit-logged
        step.append(ctx.source.pk)
        ctx.operation.save(update_fields=["progress", "redirects"])
    bump_tree_version()
