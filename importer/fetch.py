"""Polite fetching from one old site: only http/https on the source's own hosts,
robots.txt respected, a delay between requests, timeouts, a size limit, redirects
followed by hand (so a loop or a jump off the host is caught)."""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests

USER_AGENT = "GovPortalImporter/1.0 (+chuyen-du-lieu)"
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A URL that could not be read; the message (Vietnamese) goes into the run's log."""


@dataclass
class Response:
    url: str  # after redirects
    status: int
    content_type: str
    charset: str | None
    body: bytes
    location: str = ""  # of a redirect

    @property
    def is_html(self) -> bool:
        return self.content_type in ("text/html", "application/xhtml+xml")


def normalise_url(url: str) -> str:
    """Scheme and host in lower case, no fragment: the journal's key for one old page."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


class Fetcher:
    def __init__(
        self,
        hosts: list[str],
        *,
        delay: float = 1.0,
        timeout: float = 20.0,
        max_page_bytes: int = 5_000_000,
        max_file_bytes: int = 30_000_000,
        respect_robots: bool = True,
    ) -> None:
        self.hosts = {h.lower() for h in hosts}
        self.delay = max(0.0, delay)
        self.timeout = timeout
        self.max_page_bytes = max_page_bytes
        self.max_file_bytes = max_file_bytes
        self.respect_robots = respect_robots
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last = 0.0
        self.requests = 0

    def allowed(self, url: str) -> str | None:
        """None if `url` may be fetched, else the reason in Vietnamese."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return f"Chỉ đọc địa chỉ http/https, bỏ qua {url}."
        if parts.netloc.lower() not in self.hosts:
            return f"Liên kết ra ngoài trang nguồn ({parts.netloc}), không tải."
        if self.respect_robots and not self._robots_allow(url):
            return "robots.txt của trang nguồn không cho phép tải địa chỉ này."
        return None

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = None
            try:
                response = self._get(f"{origin}/robots.txt", self.max_page_bytes)
                if response.status == 200:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.parse(response.body.decode("utf-8", "replace").splitlines())
            except FetchError:
                parser = None  # no robots.txt readable: everything allowed
            self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(USER_AGENT, url)

    def _wait(self) -> None:
        pause = self._last + self.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last = time.monotonic()

    def _get(self, url: str, limit: int) -> Response:
        self._wait()
        self.requests += 1
        try:
            with self.session.get(
                url, timeout=self.timeout, stream=True, allow_redirects=False
            ) as raw:
                declared = raw.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise FetchError(_too_big(limit, int(declared)))
                chunks, size = [], 0
                for chunk in raw.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(_too_big(limit))
                    chunks.append(chunk)
                content_type = raw.headers.get("Content-Type", "")
                mime = content_type.split(";")[0].strip().lower()
                charset = None
                if "charset=" in content_type.lower():
                    charset = content_type.lower().split("charset=")[1].split(";")[0].strip()
                location = raw.headers.get("Location", "")
                return Response(url, raw.status_code, mime, charset, b"".join(chunks), location)
        except requests.Timeout as exc:
            raise FetchError(f"Quá thời gian chờ khi tải {url}.") from exc
        except requests.ConnectionError as exc:
            raise FetchError(
                f"Không kết nối được tới trang nguồn ({urlsplit(url).netloc})."
            ) from exc
        except requests.RequestException as exc:
            raise FetchError(f"Không tải được {url}: {exc.__class__.__name__}.") from exc

    def fetch(self, url: str, *, file: bool = False) -> Response:
        """GET `url` following redirects on the source's hosts; a 2xx answer or FetchError."""
        limit = self.max_file_bytes if file else self.max_page_bytes
        seen: set[str] = set()
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            refusal = self.allowed(current)
            if refusal:
                raise FetchError(refusal)
            if current in seen:
                raise FetchError(f"Vòng lặp chuyển hướng tại {url}.")
            seen.add(current)
            response = self._get(current, limit)
            if response.status in (301, 302, 303, 307, 308):
                location = response.location
                if not location:
                    raise FetchError(f"Chuyển hướng không có địa chỉ đích ({current}).")
                current = urljoin(current, location)
                continue
            if response.status == 404:
                raise FetchError(f"Trang nguồn báo không tồn tại (404): {current}.")
            if response.status >= 400:
                raise FetchError(f"Trang nguồn trả lỗi {response.status}: {current}.")
            return response
        raise FetchError(f"Chuyển hướng quá nhiều lần (vòng lặp?) tại {url}.")


def _too_big(limit: int, size: int | None = None) -> str:
    limit_mb = round(limit / 1_000_000, 1)
    if size is None:  # no Content-Length: reading stopped at the limit
        return f"Tệp quá lớn (hơn {limit_mb} MB, giới hạn {limit_mb} MB): dừng tải."
    return f"Tệp quá lớn ({round(size / 1_000_000, 1)} MB, giới hạn {limit_mb} MB)."
