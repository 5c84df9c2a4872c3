"""The embedded PostgreSQL from the command line (the Makefile's demo, run and test targets).

    python -m portal.embedded_cli start [--holder PID --role demo|test] [--port N]
        start (or join) the server; prints its DATABASE_URL on stdout, notes on stderr
    python -m portal.embedded_cli stop [--holder PID]
        without --holder: stop the server; with it: drop that holder and stop the
        server when no other live holder (a running demo or test run) uses it
    python -m portal.embedded_cli url      the URL if the server is running (exit 1 if not)
    python -m portal.embedded_cli status   one line saying whether it runs, and where

Exit status 2 and one clear message on stderr for every fault (portal/embedded_db.py).
Needs no Django settings.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from portal import embedded_db

BASE_DIR = Path(__file__).resolve().parent.parent


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.embedded_cli")
    parser.add_argument("action", choices=["start", "stop", "url", "status"])
    parser.add_argument("--holder", type=int, help="pid of the process using the server")
    parser.add_argument("--role", choices=["demo", "test"], default="test")
    parser.add_argument("--port", type=int, default=None, help="default: EMBEDDED_PG_PORT or free")
    parser.add_argument("--dir", type=Path, default=None, help="default: var/pg (EMBEDDED_PG_DIR)")
    options = parser.parse_args(argv)
    cluster = embedded_db.Cluster(options.dir.resolve() if options.dir else _root())
    port = options.port or _env_port()
    try:
        if options.action == "start":
            if options.holder:
                url = embedded_db.acquire(cluster, options.holder, options.role, port, _say)
            else:
                url = embedded_db.start(cluster, port, _say)
            print(url)
        elif options.action == "stop":
            if options.holder:
                stopped = embedded_db.release(cluster, options.holder, _say)
            else:
                stopped = embedded_db.stop(cluster, _say)
            if stopped:
                _say(f"Embedded PostgreSQL stopped (data kept in {cluster.data}).")
        else:
            url = embedded_db.running_url(cluster)
            if options.action == "url":
                if url is None:
                    return 1
                print(url)
            else:
                found = embedded_db.postmaster(cluster)
                where = f"{embedded_db.HOST}:{found[1]} (pid {found[0]})" if found else ""
                state = f"running on {where}" if url and found else "not running"
                print(f"{state}, data {cluster.data}")
    except embedded_db.EmbeddedDbError as exc:
        _say(f"Embedded PostgreSQL: {exc}")
        return 2
    return 0


def _root() -> Path:
    return embedded_db.default_root(BASE_DIR)


def _env_port() -> int | None:
    value = os.environ.get("EMBEDDED_PG_PORT", "").strip()
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) < 65536:
        _say(f"Embedded PostgreSQL: EMBEDDED_PG_PORT={value!r} is not a port (1–65535).")
        raise SystemExit(2)
    return int(value)


if __name__ == "__main__":
    sys.exit(main())
