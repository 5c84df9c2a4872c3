"""The Nu HTML Checker (vnu.jar from the npm package vnu-jar, installed by .ci/run in
tests/demo/html_checker) finds no error on any public page type of the demo, both
languages: the same pages as the browser pass."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db

VNU_JAR = Path(__file__).parent / "html_checker/node_modules/vnu-jar/build/dist/vnu.jar"


def test_every_page_type_is_valid_html(demo_pages, tmp_path):
    if not shutil.which("java") or not VNU_JAR.exists():
        pytest.fail("the Nu HTML Checker is missing: .ci/run installs Java and vnu-jar")
    files = {}
    for kind, (host, path) in sorted(demo_pages.items()):
        response = Client(HTTP_HOST=host).get(path)
        translation.activate("vi")
        assert response.status_code == 200, (kind, path)
        file = tmp_path / (kind.replace(":", "_").replace("/", "_").replace("*", "x") + ".html")
        file.write_bytes(response.content)
        files[file.as_uri()] = kind
    run = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *map(str, tmp_path.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr)["messages"]
    errors: dict[str, list[str]] = {}
    for message in messages:
        kind = files.get(
            message.get("url", "").replace("file:/", "file:///", 1), message.get("url")
        )
        errors.setdefault(kind, []).append(f"{message.get('lastLine')}: {message['message']}")
    print(f"\nNu HTML checker: {len(files)} pages, {len(messages)} errors")
    for kind, found in sorted(errors.items()):
        print(f"  {kind}: {len(found)} — {found[:2]}")
    assert len(files) > 60
    assert errors == {}
