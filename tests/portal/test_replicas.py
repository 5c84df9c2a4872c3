"""Anonymous reads from a streaming replica (portal/replicas.py): a real one, made with
pg_basebackup from a primary the test starts on spare ports, behind a real server.
Pausing the replica's replay makes its lag visible: anonymous visitors read the
replica, a request with a session the primary, and writes always go to the primary."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

from portal import replicas

PG_BIN = Path("/usr/lib/postgresql/15/bin")
ROOT = Path(settings.BASE_DIR)

needs_postgres = pytest.mark.skipif(
    not (PG_BIN / "pg_basebackup").exists() or shutil.which("runuser") is None,
    reason="PostgreSQL 15 server binaries (pg_basebackup) are not installed",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_postgres(*args: str, timeout: int = 120) -> str:
    """PostgreSQL's programs refuse root: run them as the postgres user."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    done = subprocess.run(
        [*prefix, *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{args[0]}: {done.stderr or done.stdout}"
    return done.stdout


def psql(port: int, *args: str, database: str = "portal") -> str:
    return as_postgres(
        str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database,
        *args,
    )  # fmt: skip


def sql(port: int, statement: str, database: str = "portal") -> str:
    return psql(port, "-Atc", statement, database=database).strip()


@pytest.fixture(scope="module")
def primary_and_replica():
    """A primary and its streaming replica, both stopped at the end; their ports and the
    working directory."""
    root = Path(tempfile.mkdtemp(prefix="replica-test-"))
    os.chmod(root, 0o777)
    primary, replica = root / "primary", root / "replica"
    p_port, r_port = free_port(), free_port()
    as_postgres(
        str(PG_BIN / "initdb"),
        "-D",
        str(primary),
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
    )
    with open(primary / "postgresql.conf", "a") as conf:
        conf.write(
            f"listen_addresses = '127.0.0.1'\nunix_socket_directories = '{root}'\n"
            "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\nfsync = off\n"
            "synchronous_commit = off\nfull_page_writes = off\n"
        )
    started = []
    try:
        as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(primary),
            "-o",
            f"-p {p_port}",
            "-l",
            str(root / "primary.log"),
            "-w",
            "start",
        )
        started.append((primary, p_port))
        as_postgres(
            str(PG_BIN / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(p_port),
            "-U",
            "postgres",
            "portal",
        )
        as_postgres(
            str(PG_BIN / "pg_basebackup"),
            "-h",
            "127.0.0.1",
            "-p",
            str(p_port),
            "-U",
            "postgres",
            "-D",
            str(replica),
            "-R",
            "-X",
            "stream",
            # An immediate checkpoint: the default spread one made this step 95 s of idle waiting.
            "--checkpoint=fast",
        )
        as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(replica),
            "-o",
            f"-p {r_port}",
            "-l",
            str(root / "replica.log"),
            "-w",
            "start",
        )
        started.append((replica, r_port))
        yield p_port, r_port, root
    finally:
        for data, _port in reversed(started):
            as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "stop")
        shutil.rmtree(root, ignore_errors=True)


def environment(p_port: int, r_port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{p_port}/portal",
        "DATABASE_REPLICA_URLS": f"postgres://postgres@127.0.0.1:{r_port}/portal",
        "REDIS_URL": settings.REDIS_URL,
        "CACHE_KEY_PREFIX": f"replica-test-{p_port}",
        "PAGE_CACHE_SECONDS": "0",
        "REPLICA_MAX_LAG_SECONDS": str(LAG),
        "SECRET_KEY": "replica-test-secret-key-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "*",
        "PYTHONPATH": str(ROOT),
    }


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


CHANGE = """
from tenants.models import Tenant
from tests.documents.factories import DocumentFactory
site = Tenant.objects.get(slug="xareplica")
site.name_vi = "{name}"
site.save()
DocumentFactory(tenant=site, number="{number}")
"""
LAG = 2  # REPLICA_MAX_LAG_SECONDS of the server and of the commands


def copy_schema(env: dict, p_port: int, root: Path) -> None:
    """The primary gets the session's test database as migrated (pg_dump | psql: seconds),
    not a second `migrate` of every app (the slowest step of this module). When the test
    server is not a PostgreSQL 15 (the embedded 18 pass), its dump would not load into
    this 15 primary: migrate then."""
    from django.db import connection

    connection.ensure_connection()
    if connection.pg_version // 10000 != 15:
        manage(env, "migrate", "--noinput", "-v", "0")
        return
    source = connection.settings_dict
    dump = root / "schema.sql"
    as_postgres(
        str(PG_BIN / "pg_dump"),
        "-h",
        source["HOST"] or "127.0.0.1",
        "-p",
        str(source["PORT"] or 5432),
        "-U",
        source["USER"] or "postgres",
        "--no-owner",
        "--no-privileges",
        "-f",
        str(dump),
        source["NAME"],
    )
    psql(p_port, "-q", "-v", "ON_ERROR_STOP=1", "-f", str(dump))


@pytest.fixture(scope="module")
def server(primary_and_replica, django_db_setup, django_db_blocker):
    p_port, r_port, root = primary_and_replica
    env = environment(p_port, r_port)
    with django_db_blocker.unblock():
        copy_schema(env, p_port, root)
    manage(
        env,
        "shell",
        "-c",
        (
            "from tests.tenants.factories import TenantFactory\n"
            "TenantFactory(slug='xareplica', name_vi='Xã Bản Sao', hostname='xareplica.test')"
        ),
    )
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "portal.wsgi",
            "-w",
            "1",
            "-k",
            "gthread",
            "--threads",
            "2",
            "-b",
            f"127.0.0.1:{port}",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            requests.get(f"{base}/healthz", timeout=5)
            break
        except requests.RequestException:  # not listening yet, or still importing
            time.sleep(0.1)
    yield {"base": base, "env": env, "primary": p_port, "replica": r_port}
    process.terminate()
    process.wait(timeout=20)


def page(server, path: str, **headers) -> str:
    response = requests.get(
        server["base"] + path, headers={"Host": "xareplica.test", **headers}, timeout=20
    )
    assert response.status_code == 200
    return response.text


def caught_up(server) -> None:
    target = sql(server["primary"], "SELECT pg_current_wal_lsn()")
    for _ in range(100):
        if sql(server["replica"], f"SELECT pg_last_wal_replay_lsn() >= '{target}'") == "t":
            return
        time.sleep(0.1)
    raise AssertionError("the replica did not catch up")


@needs_postgres
def test_anonymous_reads_come_from_the_replica_sessions_and_writes_from_the_primary(server):
    assert "Xã Bản Sao" in page(server, "/gioi-thieu/")
    sql(server["replica"], "SELECT pg_wal_replay_pause()")  # a replica lagging behind
    try:
        manage(server["env"], "shell", "-c", CHANGE.format(name="Xã Đổi Tên", number="9/QĐ"))
        # Right after a change everybody reads the primary: no cache is filled from the
        # lagging replica, so nobody (staff included) reads it stale later.
        assert "Xã Đổi Tên" in page(server, "/gioi-thieu/")
        assert "9/QĐ" in page(server, "/van-ban/")
        time.sleep(LAG + 0.5)
        # Then anonymous visitors read the replica (still paused: without the document)…
        assert "9/QĐ" not in page(server, "/van-ban/")
        # … a request with a session reads the primary …
        assert "9/QĐ" in page(server, "/van-ban/", Cookie="sessionid=staff")
        # … and so does a visitor who has just sent a form, which was written there.
        rating = requests.post(
            server["base"] + "/danh-gia-trang/",
            data={"path": "/van-ban/", "useful": "1", "website": ""},
            headers={"Host": "xareplica.test", "User-Agent": "Mozilla/5.0"},
            allow_redirects=False,
            timeout=20,
        )
        assert rating.status_code == 302
        pin = rating.cookies[replicas.PIN_COOKIE]
        assert sql(server["primary"], "SELECT count(*) FROM surveys_pagerating") == "1"
        assert "9/QĐ" in page(server, "/van-ban/", Cookie=f"{replicas.PIN_COOKIE}={pin}")
    finally:
        sql(server["replica"], "SELECT pg_wal_replay_resume()")
    caught_up(server)
    assert "9/QĐ" in page(server, "/van-ban/")


def test_the_rest_of_a_request_that_wrote_reads_the_primary(monkeypatch):
    router = replicas.ReplicaRouter()
    monkeypatch.setattr(replicas, "replica_aliases", lambda: ["replica_1"])
    reads, wrote = replicas._reads_from_replica.set(True), replicas._wrote.set(False)
    try:
        assert router.db_for_read(None) == "replica_1"
        assert router.db_for_write(None) == "default"
        assert router.db_for_read(None) == "default"
    finally:
        replicas._reads_from_replica.reset(reads)
        replicas._wrote.reset(wrote)
    assert router.db_for_read(None) == "default"  # outside a request: the primary
    assert router.allow_migrate("replica_1", "content") is False
