"""Zalo Official Account through the OA article API (v2.0).

- publish: ``POST {SOCIAL_ZALO_OA_URL}/article/create`` (header ``access_token``, JSON:
  type "normal", title, author, description, cover {cover_type "photo", photo_url,
  status "show"}, body paragraphs, status "show") → ``{"error": 0, "data": {"token"}}``;
  creation is asynchronous, so ``POST /article/verify`` with that token →
  ``{"error": 0, "data": {"id"}}``. The token is kept between the two calls: a retry
  verifies instead of creating a second article.
- withdraw: ``POST /article/remove`` with ``{"id"}`` → ``{"error": 0}``.
- errors come as HTTP 200 with a negative ``error`` and a ``message``: -32 is the rate
  limit, -124 and -216 an expired or invalid access token (staff must renew it), -201
  invalid parameters.
"""

from __future__ import annotations

from typing import Any

import httpx
from django.conf import settings

from . import Message, NetworkError, http_client, retry_after_header

RATE_LIMIT_ERRORS = {-32}
PERMANENT_ERRORS = {-124, -201, -216}
RATE_LIMIT_WAIT = 60
TITLE_MAX, DESCRIPTION_MAX = 150, 300  # Zalo's limits for an article


def _call(path: str, token: str, payload: dict[str, Any]) -> dict[str, Any]:
    url = f"{settings.SOCIAL_ZALO_OA_URL.rstrip('/')}/{path}"
    try:
        with http_client() as http:
            response = http.post(url, json=payload, headers={"access_token": token})
    except httpx.HTTPError as exc:
        raise NetworkError(f"Zalo: {type(exc).__name__}") from None
    if response.status_code == 429:
        raise NetworkError("Zalo 429", retry_after=retry_after_header(response) or RATE_LIMIT_WAIT)
    if response.status_code != 200:
        raise NetworkError(f"Zalo {response.status_code}")
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise NetworkError("Zalo: the answer is not a JSON object")
    code = answer.get("error", -1)
    if code == 0:
        data = answer.get("data")
        return data if isinstance(data, dict) else {}
    text = f"Zalo error {code}: {answer.get('message', '')}"[:400]
    if code in RATE_LIMIT_ERRORS:
        raise NetworkError(text, retry_after=RATE_LIMIT_WAIT)
    raise NetworkError(text, permanent=code in PERMANENT_ERRORS)


def article_payload(message: Message) -> dict[str, Any]:
    body = [{"type": "text", "content": message.summary or message.title}]
    if message.image_url:
        body.append({"type": "image", "url": message.image_url, "caption": message.title})
    body.append({"type": "text", "content": f"Đọc toàn văn: {message.link}"})
    return {
        "type": "normal",
        "title": message.title[:TITLE_MAX],
        "author": message.author[:50],
        "cover": {"cover_type": "photo", "photo_url": message.image_url, "status": "show"},
        "description": (message.summary or message.title)[:DESCRIPTION_MAX],
        "body": body,
        "status": "show",
        "comment": "show",
    }


class ZaloOA:
    def publish(self, channel, message: Message, post) -> str:
        if not message.image_url:
            raise NetworkError(
                "Zalo: an OA article needs a cover photo; the article has none", permanent=True
            )
        token = channel.token()
        if not post.pending_token:
            created = _call("article/create", token, article_payload(message))
            post.pending_token = str(created.get("token") or "")
            if not post.pending_token:
                raise NetworkError("Zalo: no token in the answer to article/create")
            post.save(update_fields=["pending_token"])
        verified = _call("article/verify", token, {"token": post.pending_token})
        remote_id = str(verified.get("id") or "")
        if not remote_id:
            raise NetworkError("Zalo: the article is still being processed")
        return remote_id

    def withdraw(self, channel, remote_id: str) -> None:
        _call("article/remove", channel.token(), {"id": remote_id})
