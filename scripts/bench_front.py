"""Issue 22 goal 2: an anonymous page through the shipped nginx (deploy/nginx.conf, its
micro-cache) against the same bytes served by that nginx as a static file, same run.

    PYTHONPATH=. DJANGO_SETTINGS_MODULE=portal.settings .venv/bin/python scripts/bench_front.py \
        127.0.0.1:8116 localhost /tin-tuc/<slug>/ [seconds] [rounds]

Needs Debian's nginx and wrk; the upstream is a running server (gunicorn). Prints one
markdown row per round and target, with the load average.
"""

# ruff: noqa: S603, S607 - an operator's benchmark running wrk, curl, nginx and kill
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django
import requests

django.setup()

from tests.portal.test_nginx import NGINX, free_port, test_config  # noqa: E402


def wrk(url: str, host: str, seconds: int) -> tuple[float, str]:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-H", f"Host: {host}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+(\S+)", out).group(1)
    return rate, p50


def main(upstream: str, host: str, path: str, seconds: int = 10, rounds: int = 2) -> None:
    for tool in ("wrk", NGINX):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install wrk nginx-light (a benchmark)")
    body = requests.get(f"http://{upstream}{path}", headers={"Host": host}, timeout=10).content
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        root.chmod(0o755)  # nginx's workers (www-data) read the static file
        for name in ("static", "media", "var"):
            (root / name).mkdir()
        for name in ("static", "media", "var"):
            (root / name).chmod(0o777)
        (root / "static" / "page.html").write_bytes(body)
        (root / "static" / "page.html").chmod(0o644)
        port = free_port()
        conf = root / "nginx.conf"
        conf.write_text(test_config(upstream, port, root))
        subprocess.run([NGINX, "-c", str(conf), "-p", str(root)], check=True)
        try:
            time.sleep(0.5)
            page, static = (
                f"http://127.0.0.1:{port}{path}",
                f"http://127.0.0.1:{port}/static/page.html",
            )
            for url in (page, static):  # warm: the micro-cache and the file cache
                subprocess.run(["curl", "-s", "-o", "/dev/null", "-H", f"Host: {host}", url])
            print(f"| round | target | req/s | p50 | bytes | load avg |  ({len(body)} bytes)")
            print("|---|---|---:|---:|---:|---:|")
            for round_number in range(1, rounds + 1):
                for label, url in (
                    ("page through nginx", page),
                    ("same bytes, static file", static),
                ):
                    rate, p50 = wrk(url, host, seconds)
                    load = Path("/proc/loadavg").read_text().split()[0]
                    print(
                        f"| {round_number} | {label} | {rate:,.0f} | {p50} | {len(body)} | {load} |"
                    )
        finally:
            pid = (root / "nginx.pid").read_text().strip()
            subprocess.run(["kill", pid], check=False)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], args[1], args[2], *(int(a) for a in args[3:5]))
