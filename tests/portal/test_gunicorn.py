"""The deployed gunicorn command (docker-compose.yml's web, the Dockerfile's CMD) gives each
worker its own listening socket, so the kernel spreads connections over the workers.

On one shared socket, the worker that wakes first accepts a whole burst: wrk's 16
kept-alive connections all landed on one of two workers in 1 round of 4 to 16, which then
ran at ~1,100 req/s with a core idle (docs/performance.md, stop 37)."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import yaml
from django.conf import settings

from tests.operations.servers import stop, wait_for_port
from tests.portal.test_nginx import free_port

ROOT = Path(__file__).resolve().parents[2]


def _compose_web_command() -> list[str]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return compose["services"]["web"]["command"]


def _image_command() -> list[str]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    line = next(line for line in text.splitlines() if line.startswith("CMD "))
    return json.loads(line.removeprefix("CMD "))


def _local(command: list[str], port: int, workers: int) -> list[str]:
    """The command with a local address and the given number of workers."""
    local = list(command)
    local[local.index("--bind") + 1] = f"127.0.0.1:{port}"
    local[local.index("--workers") + 1] = str(workers)
    local[0] = str(Path(sys.executable).with_name("gunicorn"))
    return local


def _listening_inodes(process: psutil.Process, port: int) -> set[int]:
    """Inodes of the process's listening sockets on the port (from /proc/net/tcp)."""
    listening = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
            listening.add(int(fields[9]))
    owned = set()
    for entry in Path(f"/proc/{process.pid}/fd").iterdir():
        target = os.readlink(entry)
        if target.startswith("socket:["):
            owned.add(int(target[8:-1]))
    return listening & owned


def _established(process: psutil.Process, port: int) -> int:
    return sum(
        1
        for connection in process.net_connections(kind="tcp4")
        if connection.status == psutil.CONN_ESTABLISHED and connection.laddr.port == port
    )


@pytest.fixture
def deployed_server():
    port = free_port()
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
    }
    process = subprocess.Popen(
        _local(_compose_web_command(), port, workers=2), env=env, cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for_port(port, timeout=30)
        master = psutil.Process(process.pid)
        deadline = time.monotonic() + 30
        while len(master.children()) < 2 or not all(
            _listening_inodes(worker, port) for worker in master.children()
        ):
            assert time.monotonic() < deadline, "the workers never listened"
            time.sleep(0.1)
        yield master, port
    finally:
        stop(process)


def test_the_image_and_compose_start_gunicorn_alike():
    compose, image = _compose_web_command(), _image_command()
    assert "--reuse-port" in compose and "--reuse-port" in image
    for flag in ("--worker-class", "--threads"):
        assert compose[compose.index(flag) + 1] == image[image.index(flag) + 1]


def test_each_deployed_worker_listens_on_its_own_socket(deployed_server):
    master, port = deployed_server
    workers = master.children()
    sockets = [_listening_inodes(worker, port) for worker in workers]
    assert all(len(owned) == 1 for owned in sockets)
    assert sockets[0].isdisjoint(sockets[1])  # not one socket inherited from the master
    assert not _listening_inodes(master, port)


def test_a_burst_of_connections_reaches_both_workers(deployed_server):
    """32 connections opened at once: each worker accepts some (all on one worker has
    a chance of 2 in 2**32 with the kernel's spreading)."""
    master, port = deployed_server
    clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(32)]
    try:
        workers = master.children()
        deadline = time.monotonic() + 10
        while sum(_established(worker, port) for worker in workers) < 32:
            assert time.monotonic() < deadline, "the workers did not accept the connections"
            time.sleep(0.05)
        counts = sorted(_established(worker, port) for worker in workers)
        assert counts[0] > 0, counts
    finally:
        for client in clients:
            client.close()
