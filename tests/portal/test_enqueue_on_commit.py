"""Tasks are enqueued on commit everywhere: a rolled-back change sends nothing. Outside the
tasks modules (which may fan out to other tasks), every `.delay(` / `.apply_async(` call
sits in a lambda handed to `transaction.on_commit`, or goes through
`operations.outbox.enqueue_on_commit`, which does that and survives a broker outage."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = {".venv", "node_modules", "tests", "migrations", ".git", "var"}
SENDS = {"delay", "apply_async"}
# The helper itself: its `apply_async` is the eager path of a send already deferred.
HELPER = "operations/outbox.py"


def _is_tasks_module(relative: Path) -> bool:
    return relative.name == "tasks.py" or "tasks" in relative.parts[:-1]


def _on_commit_lambdas(tree: ast.AST) -> set[int]:
    """ids of the lambdas passed to `on_commit(...)`."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            if name == "on_commit":
                found |= {id(arg) for arg in node.args if isinstance(arg, ast.Lambda)}
    return found


def sends_outside_on_commit(source: str) -> list[str]:
    tree = ast.parse(source)
    deferred = _on_commit_lambdas(tree)
    found = []

    def visit(node: ast.AST, inside: bool) -> None:
        inside = inside or id(node) in deferred
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SENDS
            and not inside
        ):
            found.append(f"{node.lineno}: .{node.func.attr}(")
        for child in ast.iter_child_nodes(node):
            visit(child, inside)

    visit(tree, False)
    return found


def test_every_task_is_enqueued_on_commit():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED & set(relative.parts) or _is_tasks_module(relative):
            continue
        if relative.as_posix() == HELPER:
            continue
        hits = sends_outside_on_commit(path.read_text(encoding="utf-8"))
        found += [f"{relative}:{hit}" for hit in hits]
    assert not found, (
        "enqueue through operations.outbox.enqueue_on_commit(task, ...) or inside "
        "transaction.on_commit(lambda: ...):\n" + "\n".join(found)
    )


def test_the_helper_exists():
    assert (ROOT / HELPER).exists()


def test_the_walk_can_fail():
    assert sends_outside_on_commit("def f(job):\n    run_export.delay(job.pk)\n") == ["2: .delay("]
    assert sends_outside_on_commit("group(tasks).apply_async()") == ["1: .apply_async("]
    assert sends_outside_on_commit("transaction.on_commit(lambda: run.delay(1))") == []
    # a lambda elsewhere is not enough
    assert sends_outside_on_commit("later = lambda: run.delay(1)") == ["1: .delay("]
