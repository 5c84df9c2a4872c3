"""The check registry: plain functions keyed by string, one module per axis.

A check receives a `CheckContext` (the site, the indicator's thresholds and params, a
per-run cache of fetched pages) and returns a `CheckResult` with its evidence. Checks
that read another app import its public function inside the check and return
"not measured" with the evidence "module not available" when the app is absent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from ..models import CheckStatus

Evidence = list[dict[str, Any]]


@dataclass
class CheckResult:
    status: str
    summary: str = ""
    evidence: Evidence = field(default_factory=list)
    value: float | None = None
    fix_url: str = ""


@dataclass
class CheckContext:
    tenant: Any
    threshold_pass: float | None = None
    threshold_partial: float | None = None
    params: dict[str, Any] = field(default_factory=dict)
    now: datetime = field(default_factory=timezone.now)
    # Shared by every check of one run: a page is fetched once per run.
    cache: dict[str, Any] = field(default_factory=dict)

    def threshold(self, name: str, default: float) -> float:
        value = getattr(self, name)
        return default if value is None else value


CheckFunction = Callable[[CheckContext], CheckResult]
REGISTRY: dict[str, CheckFunction] = {}


def check(key: str) -> Callable[[CheckFunction], CheckFunction]:
    def register(function: CheckFunction) -> CheckFunction:
        REGISTRY[key] = function
        return function

    return register


def not_measured(reason: str, **evidence: Any) -> CheckResult:
    return CheckResult(
        CheckStatus.NOT_MEASURED, f"Chưa đo được: {reason}", [{"reason": reason, **evidence}]
    )


MODULE_MISSING = "module not available"


def grade(value: float, pass_at: float, partial_at: float, *, higher_is_better: bool) -> str:
    """CheckStatus of a measured value against the indicator's thresholds."""
    if higher_is_better:
        if value >= pass_at:
            return CheckStatus.PASS
        return CheckStatus.PARTIAL if value >= partial_at else CheckStatus.FAIL
    if value <= pass_at:
        return CheckStatus.PASS
    return CheckStatus.PARTIAL if value <= partial_at else CheckStatus.FAIL


def run_check(key: str, context: CheckContext) -> CheckResult:
    """Run one check; an unknown key or a crash becomes a result, never a crashed run."""
    load_checks()
    function = REGISTRY.get(key)
    if function is None:
        return not_measured("unknown check", check_key=key)
    try:
        return function(context)
    except Exception as exc:  # noqa: BLE001 - one broken check must not stop the run
        return CheckResult(
            CheckStatus.NOT_MEASURED,
            f"check error: {type(exc).__name__}",
            [{"error": str(exc)[:500]}],
        )


def load_checks() -> None:
    from . import axis_a, axis_b, axis_c  # noqa: F401 - registration by import


def choices() -> list[tuple[str, str]]:
    load_checks()
    return [(key, key) for key in sorted(REGISTRY)]
