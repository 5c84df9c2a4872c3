"""deploy/nginx-fallback.conf, run with Debian's nginx in front of an upstream: the live
page while the upstream answers, the static copy (with the error status and Retry-After)
when it answers 502/503/504, times out, or is not there at all."""

import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import requests

from tests.harness.ports import worker_port
from tests.operations.servers import ROOT, wait_for_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")
NGINX_PORT, UPSTREAM_PORT = worker_port(21231, 2), worker_port(21232, 2)


class Upstream(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self):  # noqa: N802 - the http.server API
        body = f"live {self.path}".encode()
        self.send_response(type(self).status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def upstream():
    server = HTTPServer(("127.0.0.1", UPSTREAM_PORT), Upstream)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Upstream
    server.shutdown()
    server.server_close()
    Upstream.status = 200


@pytest.fixture
def nginx(tmp_path):
    fallback = tmp_path / "fallback"
    site = fallback / "xaa.portal.test"
    (site / "duong-day-nong").mkdir(parents=True)
    (site / "index.html").write_text("bản lưu: trang chủ", encoding="utf-8")
    (site / "duong-day-nong" / "index.html").write_text("bản lưu: đường dây nóng")
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"""
user root;
daemon off;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    upstream portal_app {{ server 127.0.0.1:{UPSTREAM_PORT}; }}
    server {{
        listen 127.0.0.1:{NGINX_PORT};
        set $fallback_root {fallback};
        include {ROOT / "deploy" / "nginx-fallback.conf"};
    }}
}}
"""
    )
    process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path)])  # noqa: S603
    try:
        wait_for_port(NGINX_PORT)
        yield f"http://127.0.0.1:{NGINX_PORT}"
    finally:
        process.terminate()
        process.wait(10)


def _get(base, path):
    return requests.get(base + path, headers={"Host": "xaa.portal.test"}, timeout=10)


def test_live_pages_while_the_application_answers(nginx, upstream):
    answer = _get(nginx, "/duong-day-nong/")
    assert answer.status_code == 200 and answer.text == "live /duong-day-nong/"


@pytest.mark.parametrize("status", [502, 503, 504])
def test_the_copy_when_the_application_fails(nginx, upstream, status):
    upstream.status = status
    answer = _get(nginx, "/duong-day-nong/")
    assert answer.status_code == status
    assert answer.text == "bản lưu: đường dây nóng"
    assert answer.headers["Retry-After"] == "120"
    # A page that is not in the copy gets the site's home.
    assert _get(nginx, "/tin-tuc/mot-bai/").text == "bản lưu: trang chủ"


def test_the_copy_when_the_application_is_not_running(nginx):
    answer = _get(nginx, "/")
    assert answer.status_code == 502 and answer.text == "bản lưu: trang chủ"
