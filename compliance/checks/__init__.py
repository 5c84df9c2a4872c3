"""The check registry: plain functions keyed by string, one module per axis.

A check receives a `CheckContext` (the site, the indicator's thresholds and params, a
per-run cache of fetched pages) and returns a `CheckResult` with its evidence. A check
declares the parameters it reads (`@check(key, params=[Param(...)])`, see params.py) and
reads them only through `context.param(name)`, which applies the declared type and
default and refuses a name the check did not declare. Checks
that read another app import its public function inside the check and return
"not measured" with the evidence "module not available" when the app is absent.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from ..models import CheckStatus
from . import params as _params
from .params import Param

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
    # The parameters the running check declares (set by the @check wrapper).
    declared: dict[str, Param] = field(default_factory=dict)

    def param(self, name: str) -> Any:
        """The indicator's value of a declared parameter, typed, or its default."""
        return _params.read(self.declared, self.params or {}, name)

    def threshold(self, name: str, default: float) -> float:
        value = getattr(self, name)
        return default if value is None else value


CheckFunction = Callable[[CheckContext], CheckResult]
REGISTRY: dict[str, CheckFunction] = {}


def check(key: str, *, params: Iterable[Param] = ()) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under `key` with the parameters it reads (`run.params`)."""
    declared = tuple(params)
    by_name = {param.name: param for param in declared}
    assert len(by_name) == len(declared), f"{key}: a parameter is declared twice"

    def register(function: CheckFunction) -> CheckFunction:
        @functools.wraps(function)
        def run(context: CheckContext) -> CheckResult:
            context.declared = by_name
            return function(context)

        run.params = declared  # type: ignore[attr-defined]
        REGISTRY[key] = run
        return run

    return register


def declared_params(key: str) -> tuple[Param, ...]:
    """The parameters the check `key` reads; () for an unknown key."""
    load_checks()
    function = REGISTRY.get(key)
    return getattr(function, "params", ()) if function else ()


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
