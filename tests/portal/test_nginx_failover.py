"""Two web processes behind the shipped nginx (deploy/nginx.conf) as an upstream pair:
one is stopped in the middle of a load and no request fails."""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

from tests.portal.test_nginx import NGINX, free_port, pytestmark, test_config  # noqa: F401

ROOT = Path(settings.BASE_DIR)


def web_process(port: int) -> subprocess.Popen:
    """gunicorn on the test database (the rows of a transactional test are committed)."""
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "PAGE_CACHE_SECONDS": "0",
        "SECRET_KEY": "failover-test-secret-key-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "*",
    }
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "portal.wsgi", "-w", "1",
         "-k", "gthread", "--threads", "4", "--graceful-timeout", "10",
         "-b", f"127.0.0.1:{port}"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def wait_for(url: str, host: str) -> None:
    for _ in range(300):
        try:
            if requests.get(url, headers={"Host": host}, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} never answered")


@pytest.fixture
def pair_behind_nginx(transactional_db, commune):
    host = commune.domains.get(is_primary=True).hostname
    ports = [free_port(), free_port()]
    webs = [web_process(port) for port in ports]
    holder = tempfile.TemporaryDirectory(prefix="nginx-pair-")
    root = Path(holder.name)
    for directory in ("var/pages", "var/body", "var/proxy", "static", "media"):
        (root / directory).mkdir(parents=True)
    for directory in [root, *root.rglob("*")]:
        directory.chmod(0o777)
    port = free_port()
    conf = test_config(f"127.0.0.1:{ports[0]}", port, root).replace(
        f"server 127.0.0.1:{ports[0]};",
        f"server 127.0.0.1:{ports[0]} max_fails=1 fail_timeout=10s; "
        f"server 127.0.0.1:{ports[1]} max_fails=1 fail_timeout=10s;",
    )
    (root / "nginx.conf").write_text(conf)
    nginx = subprocess.Popen([NGINX, "-c", str(root / "nginx.conf"), "-g", "daemon off;"])
    try:
        for web_port in ports:
            wait_for(f"http://127.0.0.1:{web_port}/gioi-thieu/", host)
        wait_for(f"http://127.0.0.1:{port}/gioi-thieu/", host)
        yield {"base": f"http://127.0.0.1:{port}", "host": host, "webs": webs}
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        for web in webs:
            if web.poll() is None:
                web.terminate()
                web.wait(timeout=20)
        holder.cleanup()


def test_a_web_process_stopped_mid_load_fails_no_request(pair_behind_nginx):
    base, host = pair_behind_nginx["base"], pair_behind_nginx["host"]
    answers: list[int] = []
    stop = threading.Event()

    def visitor(number: int) -> None:
        session = requests.Session()
        n = 0
        while not stop.is_set():
            n += 1  # a new query string each time: past the micro-cache, to the web tier
            response = session.get(
                f"{base}/gioi-thieu/?v={number}-{n}", headers={"Host": host}, timeout=30
            )
            answers.append(response.status_code)

    threads = [threading.Thread(target=visitor, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    before = len(answers)
    pair_behind_nginx["webs"][0].send_signal(signal.SIGTERM)  # a deploy or a crash
    pair_behind_nginx["webs"][0].wait(timeout=30)
    time.sleep(2)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert before > 0 and len(answers) > before  # served on both sides of the stop
    assert set(answers) == {200}, f"failed answers: {[a for a in answers if a != 200]}"
