"""Site lifecycle: merge, split, move, rename and retire sites without breaking a URL.

The rule functions live in the modules of this package (`plan.plan_merge`,
`merge.merge_sites`, `merge.execute`); this module holds the tenants app's own
`MOVE_RULES`, found like every other app's `<app>/lifecycle.py`.
"""

from .tenant_rules import MOVE_RULES

__all__ = ["MOVE_RULES"]
