"""Every rule family raises its own exception, and all of them share one base that admin
code can catch: a refused action is a message to the user, never a 500."""

import pytest

from content.revisions import RevisionError
from content.syndication import SyndicationError
from dialogue.sessions import ModerationError
from dialogue.workflow import InquiryError
from documents.signing import SigningError
from portal.publishing import PublishingError
from portal.rules import RuleError

FAMILIES = [
    PublishingError,
    SyndicationError,
    RevisionError,
    InquiryError,
    ModerationError,
    SigningError,
]


@pytest.mark.parametrize("family", FAMILIES, ids=lambda family: family.__name__)
def test_each_rule_family_has_its_own_exception_under_one_base(family):
    assert issubclass(family, RuleError)
    others = [other for other in FAMILIES if other is not family]
    assert not any(issubclass(family, other) for other in others)
