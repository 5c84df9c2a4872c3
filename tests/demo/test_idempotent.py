"""`make demo` twice in a row: the second seed_demo adds or removes no row, except the
journals that record each run."""

import pytest

pytestmark = pytest.mark.django_db

# Rows written by every run on purpose: the record of the run itself (a procedure sync,
# a compliance measurement and its results, the audit trail).
JOURNALS = {
    "procedures.SyncRun",
    "compliance.MeasurementRun",
    "compliance.IndicatorResult",
    "auditlog.LogEntry",
    # Visit history is dated back from today: a second run after midnight (Vietnam time)
    # adds that day's rows for every site.
    "compliance.VisitDaily",
}


def test_a_second_seed_demo_changes_no_row_count(demo):
    changed = {
        label: (count, demo.after_second_run[label])
        for label, count in demo.after_first_run.items()
        if demo.after_second_run[label] != count and label not in JOURNALS
    }
    assert changed == {}


def test_the_demo_fills_every_app(demo):
    filled_apps = {label.split(".")[0] for label, count in demo.after_first_run.items() if count}
    assert filled_apps >= {
        "tenants", "content", "documents", "procedures", "disclosure", "dialogue", "surveys",
        "compliance",
    }  # fmt: skip
