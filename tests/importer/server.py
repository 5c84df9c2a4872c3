"""A local HTTP server for the importer tests: serves an old site's fixture files from
tests/importer/fixtures/<site>/ on 127.0.0.1 and a spare port, plus a few misbehaving
routes (500, 20 MB page, redirect loop, off-host redirect) and generated pages for the
benchmark. Never anything off this machine."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

BENCH_ARTICLE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{title} - Cổng thông tin</title></head><body>
<div id="menu"><a href="/">Trang chủ</a> <a href="/bench/list-1.html">Tin tức</a></div>
<div class="news-detail"><h1>{title}</h1><div class="date">Thứ Hai, {day:02d}/11/2025 08:30</div>
<div class="sapo">Tóm tắt bài số {n} về hoạt động của Ủy ban nhân dân xã.</div>
<div class="content"><p>Ngày {day:02d}/11/2025, Ủy ban nhân dân xã tổ chức hội nghị số {n},
đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế – xã hội và triển khai kế hoạch
năm tới với nhiều giải pháp cụ thể, thiết thực.</p>
<p>Các đại biểu thảo luận về cải cách hành chính, chuyển đổi số và an sinh xã hội.</p>
<table><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr>
<tr><td>Thu ngân sách</td><td>{n}%</td></tr></table>
</div></div><div class="footer">Bản quyền © UBND xã</div></body></html>"""


class Handler(SimpleHTTPRequestHandler):
    overrides: dict[str, bytes] = {}  # path → body, to change a page between runs
    bench_pages = 0

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type="text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path in self.overrides:
            return self._send(200, self.overrides[path])
        if path == "/loi-500.html":
            return self._send(500, b"<h1>Server Error</h1>")
        if path == "/rat-lon.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: the importer must stop reading by itself
            chunk = b"<p>" + b"x" * 65533 + b"</p>"
            try:
                for _i in range(320):  # 20 MB
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        if path == "/vong-lap.html":
            return self._send(302, b"", Location="/vong-lap-2.html")
        if path == "/vong-lap-2.html":
            return self._send(302, b"", Location="/vong-lap.html")
        if path == "/ra-ngoai.html":
            return self._send(302, b"", Location="http://cong-khac.example.invalid/trang.html")
        if path.startswith("/bench/"):
            return self._bench(path)
        return super().do_GET()

    def _bench(self, path: str) -> None:
        name = path.rsplit("/", 1)[-1].removesuffix(".html")
        kind, _dash, number = name.partition("-")
        n = int(number or 0)
        if kind == "list":
            per_page, total = 50, self.bench_pages
            first = (n - 1) * per_page + 1
            links = "".join(
                f'<li><a class="title" href="/bench/bai-{i}.html">Bài {i}</a></li>'
                for i in range(first, min(first + per_page, total + 1))
            )
            more = f'<a class="next" href="/bench/list-{n + 1}.html">Trang sau</a>'
            pager = more if first + per_page <= total else ""
            body = f'<html><body><ul class="news-list">{links}</ul><div class="pager">{pager}</div>'
            return self._send(200, (body + "</body></html>").encode())
        title = f"Hội nghị số {n} của xã"
        page = BENCH_ARTICLE.format(title=title, n=n, day=n % 28 + 1)
        return self._send(200, page.encode())


class FixtureServer:
    """`with FixtureServer("oldsite") as server: server.url("/tin-tuc/")`."""

    def __init__(self, site: str, bench_pages: int = 0) -> None:
        handler = type("SiteHandler", (Handler,), {"overrides": {}, "bench_pages": bench_pages})
        self.handler = handler
        self.httpd = ThreadingHTTPServer(
            ("127.0.0.1", 0), partial(handler, directory=str(FIXTURES / site))
        )
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def override(self, path: str, body: bytes) -> None:
        self.handler.overrides[path] = body

    def __enter__(self) -> FixtureServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
