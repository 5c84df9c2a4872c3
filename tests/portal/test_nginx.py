"""The shipped front (deploy/nginx.conf) in front of a live server: anonymous pages from
its micro-cache, signed-in staff past it, a publication visible within its validity,
static files from disk. Debian's nginx runs this very file, with the ports and paths of
the lines marked "# test:" replaced."""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.test import Client

from tests.content.factories import ArticleFactory, CategoryFactory

CONF = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"
VALIDITY = 2  # proxy_cache_valid of deploy/nginx.conf
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = pytest.mark.skipif(
    not os.path.exists(NGINX) and not os.environ.get("CI"),
    reason="nginx is not installed (apt-get install nginx-light; .ci/run does)",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_config(upstream: str, port: int, root: Path) -> str:
    """deploy/nginx.conf with the test's upstream, port and directories."""
    replacements = {
        "pid": f"pid {root}/nginx.pid;",
        "temp": None,  # per line below
        "cache": None,
        "upstream": f"server {upstream};",
        "listen": f"listen 127.0.0.1:{port};",
        "listen6": "",
        "static": f"alias {root}/static/;",
        "media": f"alias {root}/media/;",
    }
    lines = []
    for line in CONF.read_text().splitlines():
        found = re.search(r"# test: (\w+)$", line)
        if not found:
            lines.append(line)
            continue
        marker, indent = found.group(1), line[: len(line) - len(line.lstrip())]
        code = line[: found.start()].strip()
        if marker in ("temp", "cache"):
            code = code.replace("/var/cache/nginx", str(root / "var"))
        else:
            code = replacements[marker]
        lines.append(indent + code)
    return "\n".join(lines) + "\n"


test_config.__test__ = False  # a helper, not a test


@pytest.fixture
def front(live_server, page_cache):
    """nginx on a spare port in front of the live server; its base URL."""
    holder = tempfile.TemporaryDirectory(prefix="nginx-front-")  # /tmp: nobody may enter
    root = Path(holder.name)
    for directory in ("var/pages", "var/body", "var/proxy", "static/css", "media"):
        (root / directory).mkdir(parents=True)
    (root / "static/css/site.css").write_text("body { color: #222; }\n" * 100)
    for directory in [root, *root.rglob("*")]:  # nginx's workers run as nobody
        directory.chmod(0o777) if directory.is_dir() else directory.chmod(0o666)
    port = free_port()
    conf = root / "nginx.conf"
    conf.write_text(test_config(live_server.url.removeprefix("http://"), port, root))
    check = subprocess.run([NGINX, "-t", "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(
        [NGINX, "-c", str(conf), "-g", "daemon off;"], stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(f"{base}/static/css/site.css", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.05)
    yield base
    process.terminate()
    process.wait(timeout=10)
    holder.cleanup()


@pytest.fixture
def site(transactional_db, commune):
    news = CategoryFactory(tenant=commune, name_vi="Tin tức", slug="tin-tuc", in_menu=True)
    article = ArticleFactory(tenant=commune, category=news, title_vi="Khai trương chợ mới")
    return {
        "host": commune.domains.get(is_primary=True).hostname,
        "news": news,
        "article": article,
        "tenant": commune,
    }


def get(front, site, path, **headers):
    return requests.get(
        front + path,
        headers={"Host": site["host"], "User-Agent": "Mozilla/5.0", **headers},
        timeout=10,
    )


def test_anonymous_pages_are_served_from_the_micro_cache(front, site):
    path = site["article"].get_absolute_url()
    first = get(front, site, path)
    assert first.status_code == 200 and first.headers["X-Cache-Status"] in ("MISS", "EXPIRED")
    second = get(front, site, path)
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.content == first.content
    assert "Khai trương chợ mới" in second.text


def test_signed_in_staff_bypass_the_cache(front, site, commune_editor):
    path = site["article"].get_absolute_url()
    get(front, site, path)
    assert get(front, site, path).headers["X-Cache-Status"] == "HIT"
    staff = Client()
    staff.force_login(commune_editor)
    cookie = f"{settings.SESSION_COOKIE_NAME}={staff.cookies[settings.SESSION_COOKIE_NAME].value}"
    for _ in range(2):
        response = get(front, site, path, Cookie=cookie)
        assert response.headers["X-Cache-Status"] == "BYPASS"
        assert "private" in response.headers.get("Cache-Control", "")


def test_a_publication_is_visible_within_the_validity(front, site):
    get(front, site, "/")
    assert get(front, site, "/").headers["X-Cache-Status"] == "HIT"
    ArticleFactory(tenant=site["tenant"], category=site["news"], title_vi="Hội chợ xuân 2027")
    published = time.monotonic()
    while "Hội chợ xuân 2027" not in get(front, site, "/").text:
        assert time.monotonic() - published < VALIDITY + 3, "still stale past the validity"
        time.sleep(0.1)


def test_static_files_come_from_disk_compressed(front, site):
    response = get(front, site, "/static/css/site.css", **{"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "X-Cache-Status" not in response.headers  # never reached the web tier
    page = get(front, site, "/", **{"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip"
