"""Every rule family raises its own exception, and all of them share one base that admin
code can catch: a refused action is a message to the user, never a 500."""

import ast
from pathlib import Path

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


ROOT = Path(__file__).resolve().parents[2]
SKIPPED = {".venv", "node_modules", "tests", "migrations", ".git", "var"}
ACTORS = {"by", "actor"}


def untyped_actors(source: str) -> list[str]:
    """Public functions whose acting user (`by`, `actor`) has no type hint."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith(
            "_"
        ):
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            found += [
                f"{node.lineno}: {node.name}({argument.arg})"
                for argument in arguments
                if argument.arg in ACTORS and argument.annotation is None
            ]
    return found


def test_every_rule_function_types_its_acting_user():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED & set(relative.parts):
            continue
        found += [f"{relative}:{hit}" for hit in untyped_actors(path.read_text(encoding="utf-8"))]
    assert not found, "type the acting user (by: User):\n" + "\n".join(found)


def test_the_actor_check_can_fail():
    assert untyped_actors("def approve(item, *, by): ...") == ["1: approve(by)"]
    assert untyped_actors("def approve(item, *, by: User): ...") == []
