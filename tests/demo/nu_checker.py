"""The Nu HTML Checker (vnu.jar from the npm package vnu-jar, installed by .ci/run in
tests/demo/html_checker) on a set of pages: their errors, by page."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

VNU_JAR = Path(__file__).parent / "html_checker/node_modules/vnu-jar/build/dist/vnu.jar"


def nu_errors(pages: dict[str, bytes], directory: Path) -> dict[str, list[str]]:
    """{name: HTML} -> {name: ["line: message", ...]} for the pages with errors."""
    if not shutil.which("java") or not VNU_JAR.exists():
        pytest.fail("the Nu HTML Checker is missing: .ci/run installs Java and vnu-jar")
    files, paths = {}, []
    for n, (name, html) in enumerate(sorted(pages.items())):
        file = directory / f"page-{n}.html"
        file.write_bytes(html)
        files[file.as_uri()] = name
        paths.append(str(file))
    # The JVM's first compiler only (C1): a short run of the checker spent most of its CPU
    # in C2 compiling (80 pages: 3.5 → 1.4 CPU-s, the same messages). C1's frames are
    # larger, so the checker gets a larger stack (with 1 MB its schema overflows).
    jvm = ["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR)]
    run = subprocess.run(
        [*jvm, "--errors-only", "--format", "json", *paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors: dict[str, list[str]] = {}
    for message in json.loads(run.stderr)["messages"]:
        url = message.get("url", "").replace("file:/", "file:///", 1)
        errors.setdefault(files.get(url, url), []).append(
            f"{message.get('lastLine')}: {message['message']}"
        )
    return errors
