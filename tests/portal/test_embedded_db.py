"""The embedded PostgreSQL of `make demo` / `make test` (portal/embedded_db.py): a fresh
server migrates and finds `quy hoạch` for `quy hoach`, then stops without a trace; a stale
postmaster.pid, a port in use, another major version, a full or read-only disk and a
second demo each give a clear message."""

import errno
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

from portal import embedded_db
from portal.embedded_db import Cluster, EmbeddedDbError

BASE_DIR = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def cluster():
    # Not under tmp_path (0700 parents): as root the server runs as another OS user.
    root = Path(tempfile.mkdtemp(prefix="embedded-pg-"))
    root.chmod(0o755)
    cluster = Cluster(root / "pg")
    yield cluster
    embedded_db.stop(cluster, say=lambda _message: None)
    shutil.rmtree(root, ignore_errors=True)


def server_processes(cluster: Cluster) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if str(cluster.data) in " ".join(process.info["cmdline"] or []):
            found.append(process)
    return found


def wait_gone(cluster: Cluster, seconds: float = 15) -> list[psutil.Process]:
    deadline = time.monotonic() + seconds
    while (left := server_processes(cluster)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def test_a_fresh_server_migrates_finds_quy_hoach_and_stops_without_a_trace(cluster):
    notes = []
    url = embedded_db.start(cluster, say=notes.append)
    assert url.startswith("postgres://postgres:") and "@127.0.0.1:" in url
    assert any("Creating the embedded PostgreSQL 18" in note for note in notes)
    assert embedded_db.running_url(cluster) == url

    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    probe = subprocess.run(
        [sys.executable, "-m", "tests.portal.embedded_probe"],
        env={**env, "DATABASE_URL": url},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    result = json.loads(probe.stdout.strip().splitlines()[-1])
    assert result["server_version"].startswith("18.")
    assert result["status"] == 200
    assert result["count_line"] == "1 kết quả cho “quy hoach”."
    assert result["has_title"]

    port = embedded_db.postmaster(cluster)[1]
    assert embedded_db.stop(cluster, say=notes.append)
    assert wait_gone(cluster) == []
    assert not cluster.pid_file.exists()
    assert embedded_db.port_free(port)
    assert embedded_db.running_url(cluster) is None
    assert not embedded_db.stop(cluster), "a second stop finds nothing to stop"


def test_a_crash_leaves_a_stale_postmaster_pid_that_the_next_start_clears(cluster):
    embedded_db.start(cluster, say=lambda _message: None)
    pid = embedded_db.postmaster(cluster)[0]
    os.kill(pid, signal.SIGKILL)
    assert wait_gone(cluster) == []
    assert cluster.pid_file.exists(), "a crash leaves postmaster.pid behind"

    notes = []
    url = embedded_db.start(cluster, say=notes.append)
    assert any(f"Removed a stale {cluster.pid_file}: pid {pid}" in note for note in notes)
    assert embedded_db.postmaster(cluster)[0] != pid
    assert embedded_db.running_url(cluster) == url


def test_a_postmaster_pid_naming_a_live_process_of_another_program_is_stale(cluster):
    embedded_db.initialise(cluster, embedded_db.bin_dir(), embedded_db.server_user(), say=print)
    cluster.pid_file.write_text(
        f"{os.getpid()}\n{cluster.data}\n0\n5432\n\n127.0.0.1\n0 0\nready\n"
    )
    notes = []
    embedded_db.start(cluster, say=notes.append)
    assert any(f"pid {os.getpid()} is no longer this server" in note for note in notes)
    assert embedded_db.postmaster(cluster)[0] != os.getpid()


def test_a_port_in_use_is_refused_with_a_message(cluster):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(EmbeddedDbError, match=f"Port {port} on 127.0.0.1 is in use"):
            embedded_db.start(cluster, port=port, say=lambda _message: None)
    assert server_processes(cluster) == []


def test_a_data_directory_of_another_major_version_is_refused(cluster):
    cluster.data.mkdir(parents=True)
    (cluster.data / "PG_VERSION").write_text("16\n")
    with pytest.raises(EmbeddedDbError, match="created by PostgreSQL 16.*make clean-db"):
        embedded_db.start(cluster, say=lambda _message: None)


def test_a_full_disk_is_said_before_initdb(cluster, monkeypatch):
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: shutil._ntuple_diskusage(1, 1, 0))
    with pytest.raises(EmbeddedDbError, match="is full. Free some space"):
        embedded_db.start(cluster, say=lambda _message: None)
    assert not (cluster.data / "PG_VERSION").exists()


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_a_read_only_clone_says_where_to_put_the_data(cluster, code):
    message = str(embedded_db._disk_error(cluster, OSError(code, os.strerror(code))))
    assert "read-only disk" in message and "EMBEDDED_PG_DIR" in message


def test_one_demo_per_clone_and_the_server_stops_with_its_last_holder(cluster):
    demo, tests = os.getpid(), os.getppid()
    url = embedded_db.acquire(cluster, demo, "demo", say=lambda _message: None)
    with pytest.raises(EmbeddedDbError, match=f"already running in this clone \\(pid {demo}\\)"):
        embedded_db.acquire(cluster, tests, "demo", say=lambda _message: None)
    assert embedded_db.acquire(cluster, tests, "test", say=lambda _message: None) == url

    assert not embedded_db.release(cluster, tests, say=lambda _message: None)
    assert embedded_db.running_url(cluster) == url, "the demo still uses it"
    assert embedded_db.release(cluster, demo, say=lambda _message: None)
    assert wait_gone(cluster) == []


def test_without_a_database_every_connection_says_how_to_get_one():
    from django.db.utils import OperationalError

    from portal.db_unset.base import DatabaseWrapper

    wrapper = DatabaseWrapper({"ENGINE": "portal.db_unset", "NAME": "govportal"})
    assert wrapper.vendor == "postgresql"
    with pytest.raises(OperationalError, match="DATABASE_URL is not set.*make demo"):
        wrapper.get_new_connection({})
