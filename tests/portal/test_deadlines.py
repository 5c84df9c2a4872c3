"""The default publication deadline and its legal basis live in portal/deadlines.py."""

from datetime import date

import pytest

from compliance.catalogue import LTCTT_18
from disclosure.timeliness import rule_for
from portal import deadlines

pytestmark = pytest.mark.django_db


def test_five_working_days_skip_the_weekend():
    # Created on a Friday: the next Friday, the weekend does not count.
    assert deadlines.publication_deadline(date(2026, 3, 6)) == date(2026, 3, 13)


def test_disclosure_default_rule_and_catalogue_cite_the_same_deadline():
    rule = rule_for("a section without its own rule")
    assert (rule.days, rule.working, rule.legal_basis) == (5, True, deadlines.LEGAL_BASIS)
    assert LTCTT_18 == deadlines.LEGAL_BASIS_SHORT
    assert "Điều 18 khoản 4" in deadlines.LEGAL_BASIS
