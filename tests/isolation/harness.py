"""The isolation harness: the same kind of object in two sites, proven not to leak,
URL by URL and admin page by admin page.

An app joins by adding `tests/<app>/isolation_cases.py` with a module-level
`CASES: list[IsolationCase]`. Nothing else to register: `discover_cases()` finds it.

Each case says how to make one published object in a site with a unique marker
string in its visible text, where it shows publicly, and which admin model holds it.
The suite then checks, for the object made in site A:
- its detail URLs answer 200 with the marker on A and 404 on B (every language given);
- the listing URLs on B never show the marker, and on A they do;
- in the admin, B's editor neither lists it, nor opens it, nor changes it by a forged POST;
  A's auditor opens it read-only.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models

from tenants.models import Tenant

LANGUAGE_PREFIXES = ("", "/en")


@dataclass(frozen=True)
class IsolationCase:
    name: str
    make: Callable[[Tenant, str], models.Model]
    detail_urls: Callable[[models.Model], Sequence[str]] = lambda obj: ()
    list_urls: Sequence[str] = ()
    admin_model: type[models.Model] | None = None
    # Languages in which the object is visible (an item without English text is
    # not listed on /en/, by design).
    languages: Sequence[str] = field(default_factory=lambda: LANGUAGE_PREFIXES)
    # The harness checks that A's listings show the marker; a case whose object
    # only shows in a listing under some condition can turn that off.
    list_shows_marker: bool = True

    def __str__(self) -> str:
        return self.name


def discover_cases() -> list[IsolationCase]:
    import tests

    cases: list[IsolationCase] = []
    root = Path(tests.__file__).parent
    for info in sorted(pkgutil.iter_modules([str(root)]), key=lambda i: i.name):
        if not info.ispkg or not (root / info.name / "isolation_cases.py").exists():
            continue
        module = importlib.import_module(f"tests.{info.name}.isolation_cases")
        cases.extend(module.CASES)
    return cases


def localized(prefix: str, path: str) -> str:
    return f"{prefix}{path}" if path.startswith("/") else path
