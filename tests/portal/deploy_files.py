"""The deployment files as the tests read them: the Dockerfile and docker-compose.yml."""

import json
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def dockerfile_lines() -> list[str]:
    """The Dockerfile's instructions, each on one line (continuations joined)."""
    return (ROOT / "Dockerfile").read_text().replace("\\\n", " ").splitlines()


def image_command() -> list[str]:
    line = next(line for line in dockerfile_lines() if line.startswith("CMD "))
    return json.loads(line.removeprefix("CMD "))


def image_debian_packages() -> set[str]:
    packages = set()
    for line in dockerfile_lines():
        if "apt-get install" in line:
            command = line.split("apt-get install", 1)[1].split("&&")[0]
            packages |= {word for word in command.split() if not word.startswith("-")}
    return packages


def compose_command(service: str) -> list[str]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return compose["services"][service]["command"]
