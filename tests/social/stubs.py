"""Local stand-ins for the two networks' HTTP APIs, on a spare port in a thread.

They implement the documented request and response shapes — Graph API: POST
/{page-id}/feed (form: message, link, access_token) → {"id"}, DELETE /{post-id} →
{"success": true}, errors as {"error": {"message", "type", "code", "error_subcode",
"fbtrace_id"}}; Zalo OA: POST /article/create, /article/verify, /article/remove with the
access_token header and JSON, answers {"error": 0|negative, "message", "data"} — check
the token and required fields, and can be told to answer the next call with an error
(rate limit, server error) to exercise retries. Every request is recorded.
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

FB_TOKEN = "EAAB-page-token-test"
ZALO_TOKEN = "zalo-oa-access-token-test"
ZALO_APP_ID = "4433221100"
ZALO_APP_SECRET = "zalo-app-secret-test"
ZALO_REFRESH = "zalo-refresh-token-test"
GRAPH_PREFIX = "/v21.0"
ZALO_PREFIX = "/v2.0"
ZALO_OAUTH_PATH = "/v4/oa/access_token"


@dataclass
class Call:
    method: str
    path: str
    headers: dict
    form: dict = field(default_factory=dict)
    json: dict = field(default_factory=dict)


@dataclass
class Scripted:
    status: int
    body: dict
    headers: dict = field(default_factory=dict)


def fb_error(code: int, message: str, status: int = 400, subcode: int | None = None) -> Scripted:
    error = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbCdEf"}
    if subcode is not None:
        error["error_subcode"] = subcode
    return Scripted(status, {"error": error})


FB_RATE_LIMIT = fb_error(32, "(#32) Page request limit reached")
ZALO_RATE_LIMIT = Scripted(200, {"error": -32, "message": "Request rate limit exceeded"})
SERVER_ERROR = Scripted(503, {"error": "Service Unavailable"})


class NetworkStub:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.script: list[tuple[str, Scripted]] = []  # (path fragment, answer) once each
        self.fb_posts: dict[str, dict] = {}
        self.zalo_pending: dict[str, dict] = {}
        self.zalo_articles: dict[str, dict] = {}
        self.zalo_access: set[str] = set()
        self.zalo_refresh: set[str] = set()
        self.reset()
        self._ids = itertools.count(1001)
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _answer(self, scripted: Scripted) -> None:
                payload = json.dumps(scripted.body).encode()
                self.send_response(scripted.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for key, value in scripted.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

            def _handle(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                call = Call(self.command, self.path, dict(self.headers))
                kind = self.headers.get("Content-Type", "")
                if "json" in kind:
                    call.json = json.loads(raw or b"{}")
                elif raw:
                    call.form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                stub.calls.append(call)
                for index, (fragment, scripted) in enumerate(stub.script):
                    if fragment in self.path:
                        del stub.script[index]
                        return self._answer(scripted)
                if self.path.startswith(GRAPH_PREFIX):
                    return self._answer(stub.graph(call))
                if self.path.startswith(ZALO_PREFIX):
                    return self._answer(stub.zalo(call))
                if self.path.startswith(ZALO_OAUTH_PATH):
                    return self._answer(stub.zalo_oauth(call))
                return self._answer(Scripted(404, {}))

            do_GET = do_POST = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # --- Graph API ------------------------------------------------------------------
    def graph(self, call: Call) -> Scripted:
        if call.form.get("access_token") != FB_TOKEN:
            return fb_error(190, "Invalid OAuth access token - Cannot parse access token")
        parts = call.path[len(GRAPH_PREFIX) :].strip("/").split("/")
        if call.method == "POST" and len(parts) == 2 and parts[1] == "feed":
            if not (call.form.get("message") or call.form.get("link")):
                return fb_error(100, "(#100) Missing message or attachment")
            post_id = f"{parts[0]}_{next(self._ids)}"
            self.fb_posts[post_id] = call.form
            return Scripted(200, {"id": post_id})
        if call.method == "DELETE" and len(parts) == 1:
            if self.fb_posts.pop(parts[0], None) is None:
                return fb_error(
                    100,
                    "(#100) Unsupported delete request. Object does not exist",
                    subcode=33,
                )
            return Scripted(200, {"success": True})
        return fb_error(100, "(#100) Unknown path components")

    # --- Zalo OA article API ----------------------------------------------------------
    def zalo(self, call: Call) -> Scripted:
        if call.headers.get("access_token") not in self.zalo_access:
            return Scripted(200, {"error": -216, "message": "Access token is invalid"})
        action = call.path[len(ZALO_PREFIX) :].strip("/")
        body = call.json
        if action == "article/create":
            cover = body.get("cover") or {}
            if body.get("type") != "normal" or not body.get("title") or not body.get("body"):
                return Scripted(200, {"error": -201, "message": "Parameters are invalid"})
            if cover.get("cover_type") != "photo" or not cover.get("photo_url"):
                return Scripted(200, {"error": -201, "message": "Cover is invalid"})
            token = f"tok-{next(self._ids)}"
            self.zalo_pending[token] = body
            return Scripted(200, {"error": 0, "message": "Success", "data": {"token": token}})
        if action == "article/verify":
            article = self.zalo_pending.pop(body.get("token", ""), None)
            if article is None:
                return Scripted(200, {"error": -201, "message": "Token is invalid"})
            article_id = f"art{next(self._ids)}"
            self.zalo_articles[article_id] = article
            return Scripted(200, {"error": 0, "message": "Success", "data": {"id": article_id}})
        if action == "article/remove":
            if self.zalo_articles.pop(body.get("id", ""), None) is None:
                return Scripted(200, {"error": -201, "message": "Article is not exist"})
            return Scripted(200, {"error": 0, "message": "Success"})
        return Scripted(404, {"error": -1, "message": "Not found"})

    def zalo_oauth(self, call: Call) -> Scripted:
        """Zalo OAuth v4: a refresh token is spent once for a new pair (~25 h token)."""
        form = call.form
        if (
            call.headers.get("secret_key") != ZALO_APP_SECRET
            or form.get("app_id") != ZALO_APP_ID
            or form.get("grant_type") != "refresh_token"
        ):
            return Scripted(200, {"error": -14002, "error_name": "Invalid app"})
        if form.get("refresh_token") not in self.zalo_refresh:
            return Scripted(
                200,
                {
                    "error": -14014,
                    "error_name": "Invalid refresh token",
                    "error_description": "Refresh token is invalid or has been used",
                },
            )
        self.zalo_refresh.discard(form["refresh_token"])
        n = next(self._ids)
        access, refresh = f"zalo-access-{n}", f"zalo-refresh-{n}"
        self.zalo_access.add(access)
        self.zalo_refresh.add(refresh)
        answer = {"access_token": access, "refresh_token": refresh, "expires_in": "90000"}
        return Scripted(200, answer)

    # --- control ------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def answer_next(self, fragment: str, scripted: Scripted) -> None:
        self.script.append((fragment, scripted))

    def reset(self) -> None:
        for record in (self.calls, self.script, self.fb_posts, self.zalo_pending):
            record.clear()
        self.zalo_articles.clear()
        self.zalo_access.clear()
        self.zalo_access.add(ZALO_TOKEN)
        self.zalo_refresh.clear()
        self.zalo_refresh.add(ZALO_REFRESH)

    def calls_to(self, fragment: str) -> list[Call]:
        return [call for call in self.calls if fragment in call.path]

    def start(self) -> NetworkStub:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
