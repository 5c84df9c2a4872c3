"""The default publication deadline and its legal basis, in one place.

Information is published within 5 working days after it is created — Law on Access to
Information 2016 (104/2016/QH13), Art. 18(4). Read by content/stats.py and
documents/stats.py (late items), disclosure/timeliness.py (the default `DeadlineRule`,
which the province may override per section) and compliance/catalogue.py (the legal
basis the timeliness indicators cite).
"""

from __future__ import annotations

from datetime import date, timedelta

from .workdays import add_working_days

WORKING_DAYS = 5
LEGAL_BASIS = "Luật Tiếp cận thông tin 2016, Điều 18 khoản 4"
# The same article as the indicator catalogue cites it, beside its other short references.
LEGAL_BASIS_SHORT = "Luật TCTT Điều 18 khoản 4"
# The deadline is never sooner than this many calendar days (a working day is a day):
# queries narrow with it in SQL, then count working days exactly in Python.
AT_LEAST = timedelta(days=WORKING_DAYS)


def publication_deadline(created_on: date) -> date:
    """The last day to publish information created on `created_on`."""
    return add_working_days(created_on, WORKING_DAYS)
