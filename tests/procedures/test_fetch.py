"""Remote fetch against a real HTTP server on this machine: timeouts, retries, size limit."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from procedures import fetch, sync, tasks
from procedures.models import Procedure, SyncRun
from tests.procedures.factories import SyncSourceFactory, export, import_records, record


class ExportServer:
    """A tiny export server whose answers each test scripts: a list of (status, body, delay)."""

    def __init__(self):
        self.script: list[tuple[int, bytes, float]] = []
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests += 1
                status, body, delay = server.script[min(server.requests, len(server.script)) - 1]
                time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if status != 299:  # 299: stream without Content-Length
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/export.json"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = ExportServer()
    yield s
    s.close()


@pytest.fixture(autouse=True)
def fast_retries(settings):
    settings.PROCEDURES_SYNC_TIMEOUT = 0.5
    settings.PROCEDURES_SYNC_RETRIES = 2
    settings.PROCEDURES_SYNC_BACKOFF = 0.05


def test_fetches_the_export(server):
    server.script = [(200, b'{"procedures": []}', 0)]
    assert fetch.fetch_url(server.url) == b'{"procedures": []}'


def test_retries_a_500_with_backoff_then_succeeds(server):
    server.script = [(500, b"oops", 0), (503, b"busy", 0), (200, b"[]", 0)]
    started = time.monotonic()
    assert fetch.fetch_url(server.url) == b"[]"
    assert server.requests == 3
    assert time.monotonic() - started >= 0.05 + 0.1  # backoff 0.05 then 0.1


def test_gives_up_after_the_retries_on_a_persistent_500(server):
    server.script = [(500, b"oops", 0)]
    with pytest.raises(fetch.FetchError, match="sau 3 lần thử: máy chủ trả lời lỗi 500"):
        fetch.fetch_url(server.url)
    assert server.requests == 3


def test_a_404_is_not_retried(server):
    server.script = [(404, b"", 0)]
    with pytest.raises(fetch.FetchError, match="lỗi 404"):
        fetch.fetch_url(server.url)
    assert server.requests == 1


def test_a_server_that_does_not_answer_in_time_times_out(server):
    server.script = [(200, b"[]", 1.5)]
    started = time.monotonic()
    with pytest.raises(fetch.FetchError, match="hết thời gian chờ"):
        fetch.fetch_url(server.url, retries=1)
    assert time.monotonic() - started < 3


def test_a_declared_oversized_body_is_refused_without_retry(server):
    server.script = [(200, b"x" * 5000, 0)]
    with pytest.raises(fetch.FetchError, match="Tệp quá lớn"):
        fetch.fetch_url(server.url, limit=1000)
    assert server.requests == 1


def test_an_oversized_body_without_length_is_cut_off(server):
    server.script = [(299, b"x" * 200_000, 0)]
    with pytest.raises(fetch.FetchError, match="Tệp quá lớn"):
        fetch.fetch_url(server.url, limit=100_000)


def test_only_http_urls_are_fetched():
    with pytest.raises(fetch.FetchError, match="http"):
        fetch.fetch_url("file:///etc/passwd")


def test_nightly_task_records_the_failure_and_the_catalogue_keeps_serving(
    server, province, commune, site_client
):
    source = SyncSourceFactory(tenant=province, url=server.url)
    import_records(source, record("1.1"))
    server.script = [(500, b"down", 0)]
    assert tasks.sync_all_sources.delay().get() == {source.slug: SyncRun.Outcome.FAILED}
    run = source.runs.first()
    assert run.trigger == "schedule" and run.outcome == SyncRun.Outcome.FAILED
    assert "lỗi 500" in run.errors[0]
    assert Procedure.objects.active().filter(code="1.1").exists()
    assert "Đăng ký khai sinh" in site_client(commune).get("/thu-tuc-hanh-chinh/").content.decode()


def test_nightly_task_syncs_from_the_url(server, province, commune):
    SyncSourceFactory(tenant=province, url=server.url)
    server.script = [(200, export(record("1.1"), record("1.2", name="Đăng ký kết hôn")), 0)]
    tasks.sync_all_sources.delay()
    assert sync.SyncRun.objects.get().created == 2
    assert Procedure.objects.count() == 2


def test_the_beat_schedule_runs_the_same_task():
    from procedures.schedule import SCHEDULE

    assert SCHEDULE["procedures-nightly-sync"]["task"] == tasks.sync_all_sources.name
