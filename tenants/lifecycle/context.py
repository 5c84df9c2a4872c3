"""What a mover needs to know while it moves one source's items into the target."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tenants.models import Domain, Provenance, SiteOperation, Tenant
from tenants.models_redirects import RedirectReason

from .rules import MoveRule, OnClash


class LifecycleError(ValueError):
    """An operation that cannot run as asked; the message is shown to the user as is."""


@dataclass
class BatchResult:
    moved: int = 0
    redirects: int = 0
    done: bool = True


def hostnames_of(tenant: Tenant) -> list[str]:
    """Every hostname of the site, the primary first."""
    return list(
        Domain.objects.filter(tenant=tenant)
        .order_by("-is_primary", "hostname")
        .values_list("hostname", flat=True)
    )


@dataclass
class MoveContext:
    operation: SiteOperation
    source: Tenant
    target: Tenant
    source_hosts: list[str]
    target_host: str
    clash_modes: dict[str, OnClash] = field(default_factory=dict)
    batch_size: int = 500
    reason: str = RedirectReason.MERGE
    # Only these items of the source move (a split); None: everything it owns.
    selection: dict[str, list[int]] | None = None
    _merged: dict[str, dict[int, int]] | None = None

    def step(self, rule: MoveRule) -> dict:
        steps = self.operation.progress.setdefault("steps", {})
        return steps.setdefault(f"{self.source.pk}:{rule.label}", {"cursor": 0, "moved": 0})

    def clash_mode(self, rule: MoveRule) -> OnClash:
        return self.clash_modes.get(rule.label, rule.on_clash)

    def merged_map(self, label: str) -> dict[int, int]:
        """Items of `label` that were merged into an existing target item: old pk → new pk."""
        if self._merged is None:
            self._merged = {}
        if label not in self._merged:
            from django.apps import apps

            model_label = apps.get_model(label)._meta.label_lower
            rows = Provenance.objects.filter(
                operation=self.operation, model_label=model_label
            ).exclude(merged_into="")
            self._merged[label] = {int(r.object_id): int(r.merged_into) for r in rows}
        return self._merged[label]

    def remember_merge(self, label: str, old_pk: int, new_pk: int) -> None:
        self.merged_map(label)[old_pk] = new_pk

    def save_progress(self, rule: MoveRule, result: BatchResult, cursor: int) -> None:
        step = self.step(rule)
        step["cursor"] = cursor
        step["moved"] = step.get("moved", 0) + result.moved
        step["done"] = result.done
        self.operation.moved += result.moved
        self.operation.redirects += result.redirects
        self.operation.save(update_fields=["progress", "moved", "redirects"])


def free_slug(base: str, suffix: str, max_length: int, taken: Callable[[str], bool]) -> str:
    """'le-hoi' from site 'xa-a' → 'le-hoi-xa-a' (then '-2', '-3'…) when 'le-hoi' is taken."""
    n = 1
    while True:
        tail = f"-{suffix}" + (f"-{n}" if n > 1 else "")
        candidate = f"{base[: max_length - len(tail)]}{tail}"
        if not taken(candidate):
            return candidate
        n += 1
