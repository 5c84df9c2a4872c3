"""The deployed gunicorn command (docker-compose.yml's web, the Dockerfile's CMD) gives each
worker its own listening socket, so the kernel spreads connections over the workers.

On one shared socket, the worker that wakes first accepts a whole burst: wrk's 16
kept-alive connections all landed on one of two workers in 1 round of 4 to 16, which then
ran at ~1,100 req/s with a core idle (docs/performance.md, stop 37). The server here binds
127.0.0.1 (IPv4); the deployed `[::]` bind takes the same option.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.operations.servers import app_env, stop
from tests.portal.deploy_files import compose_command, image_command

ROOT = Path(__file__).resolve().parents[2]


def _local(command: list[str], port: int, workers: int) -> list[str]:
    """The command with a local address and the given number of workers."""
    local = list(command)
    local[local.index("--bind") + 1] = f"127.0.0.1:{port}"
    local[local.index("--workers") + 1] = str(workers)
    local[0] = str(Path(sys.executable).with_name("gunicorn"))
    return local


@contextlib.contextmanager
def _reserved_port():
    """A free port held by a bound, non-listening SO_REUSEPORT socket until the test ends:
    no other test's server can take it meanwhile (two SO_REUSEPORT servers of one user
    would share a port silently), and the deployed workers can still bind it."""
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    holder.bind(("127.0.0.1", 0))
    try:
        yield holder.getsockname()[1]
    finally:
        holder.close()


def _listening_inodes(process: psutil.Process, port: int) -> set[int]:
    """Inodes of the process's listening sockets on the port (from /proc/net/tcp)."""
    listening = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
            listening.add(int(fields[9]))
    owned = set()
    for entry in Path(f"/proc/{process.pid}/fd").iterdir():
        try:
            target = os.readlink(entry)
        except FileNotFoundError:  # closed since the listing (a worker importing Django)
            continue
        if target.startswith("socket:["):
            owned.add(int(target[8:-1]))
    return listening & owned


def _established(process: psutil.Process, port: int) -> int:
    return sum(
        1
        for connection in process.net_connections(kind="tcp4")
        if connection.status == psutil.CONN_ESTABLISHED and connection.laddr.port == port
    )


def _wait(condition, what: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert server.poll() is None, f"gunicorn exited ({server.returncode}) before {what}"
        assert time.monotonic() < deadline, f"gunicorn: no {what} in {seconds} s"
        time.sleep(0.1)


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
            client.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            return client.recv(12).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


@pytest.fixture
def deployed_server():
    with _reserved_port() as port:
        server = subprocess.Popen(
            _local(compose_command("web"), port, workers=2), env=app_env(), cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            master = psutil.Process(server.pid)

            def workers_listen() -> bool:
                workers = master.children()
                return len(workers) == 2 and all(_listening_inodes(w, port) for w in workers)

            _wait(workers_listen, "listening workers", server)
            _wait(lambda: _answers(port), "answer to /healthz", server)  # the app is loaded
            yield master, port, server
        finally:
            stop(server)


def test_the_image_and_compose_start_gunicorn_alike():
    compose, image = compose_command("web"), image_command()
    assert "--reuse-port" in compose and "--reuse-port" in image
    for flag in ("--worker-class", "--threads"):
        assert compose[compose.index(flag) + 1] == image[image.index(flag) + 1]


def test_each_deployed_worker_listens_on_its_own_socket(deployed_server):
    master, port, _server = deployed_server
    workers = master.children()
    sockets = [_listening_inodes(worker, port) for worker in workers]
    assert all(len(owned) == 1 for owned in sockets)
    assert sockets[0].isdisjoint(sockets[1])  # not one socket inherited from the master
    assert not _listening_inodes(master, port)


def test_a_burst_of_connections_reaches_both_workers(deployed_server):
    """32 connections opened at once to serving workers: the kernel spreads them. Eight
    bursts gave 13 : 19 to 16 : 16 with `--reuse-port`, 2 : 30 to 5 : 27 on one shared
    socket; fewer than 6 on a worker has a chance of 1 in 20,000 when spread evenly."""
    master, port, server = deployed_server
    clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(32)]
    try:
        workers = master.children()
        _wait(
            lambda: sum(_established(worker, port) for worker in workers) == 32,
            "accepting the 32 connections",
            server,
        )
        counts = sorted(_established(worker, port) for worker in workers)
        assert counts[0] >= 6, counts
    finally:
        for client in clients:
            client.close()
