"""Every library the apps import is installed by `pip install .`, the deployed image's way
(Dockerfile): a module that only the test extra brings works in the suite and fails, or
turns a measure into "not measured", in production.

Seen: `import` statements of the apps' modules. Not seen: modules named in strings
(settings, importlib). A library that arrives as a dependency of a listed one counts as
installed, as it is in the image.
"""

import ast
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from django.apps import apps
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.portal.deploy_files import image_debian_packages

ROOT = Path(__file__).resolve().parents[2]


def _app_files() -> list[Path]:
    roots = {Path(config.path) for config in apps.get_app_configs()}
    return sorted(
        path
        for root in roots
        if root.parent == ROOT  # our apps, not those installed in .venv
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
    )


def _imported_top_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _installed_by(requirements: list[str]) -> set[str]:
    """The distributions these requirements install, with their dependencies' closure."""
    found: set[str] = set()
    pending = [(Requirement(text), "") for text in requirements]
    while pending:
        requirement, extra = pending.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        extras = set(requirement.extras)
        key = f"{name}[{','.join(sorted(extras))}]"
        if key in found:
            continue
        found |= {name, key}
        for text in metadata.requires(name) or []:
            dependency = Requirement(text)
            for wanted in extras or {""}:
                pending.append((dependency, wanted))
    return {name for name in found if "[" not in name}


def _main_dependencies() -> list[str]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]


def _missing(imported: set[str], installed: set[str]) -> list[str]:
    local = {path.name for path in ROOT.iterdir() if path.is_dir()}
    distributions = metadata.packages_distributions()
    missing = []
    for module in sorted(imported - local - set(sys.stdlib_module_names)):
        names = {canonicalize_name(name) for name in distributions.get(module, [module])}
        if not names & installed:
            missing.append(f"{module} ({', '.join(sorted(names))})")
    return missing


def test_every_library_the_apps_import_is_a_main_dependency():
    imported = set().union(*(_imported_top_modules(path) for path in _app_files()))
    assert {"django", "playwright", "axe_playwright_python"} <= imported  # the walk saw them
    missing = _missing(imported, _installed_by(_main_dependencies()))
    assert not missing, "add to [project].dependencies of pyproject.toml: " + ", ".join(missing)


def test_a_library_only_the_test_extra_installs_is_found():
    without_browser = [
        text for text in _main_dependencies() if not text.startswith(("playwright", "axe-"))
    ]
    missing = _missing({"playwright", "axe_playwright_python"}, _installed_by(without_browser))
    assert missing == ["axe_playwright_python (axe-playwright-python)", "playwright (playwright)"]


def test_the_image_installs_the_browser_and_font_the_platform_uses():
    """The accessibility measure's browser (and libatomic1, without which Playwright's
    node does not start on python:3.11-slim) and the signature stamp's Vietnamese font."""
    from documents.signing import STAMP_FONT_CANDIDATES

    packages = image_debian_packages()
    assert {"chromium-headless-shell", "libatomic1", "poppler-utils"} <= packages
    assert "dejavu" in STAMP_FONT_CANDIDATES[0] and "fonts-dejavu-core" in packages
