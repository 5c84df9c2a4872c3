"""Zalo Official Account through the OA article API (v2.0).

- publish: ``POST {SOCIAL_ZALO_OA_URL}/article/create`` (header ``access_token``, JSON:
  type "normal", title, author, description, cover {cover_type "photo", photo_url,
  status "show"}, body paragraphs, status "show") → ``{"error": 0, "data": {"token"}}``;
  creation is asynchronous, so ``POST /article/verify`` with that token →
  ``{"error": 0, "data": {"id"}}``. The token is kept between the two calls: a retry
  verifies instead of creating a second article.
- withdraw: ``POST /article/remove`` with ``{"id"}`` → ``{"error": 0}``.
- errors come as HTTP 200 with a negative ``error`` and a ``message``: -32 is the rate
  limit, -124 and -216 an expired or invalid access token, -201 invalid parameters.
- access tokens (about 25 hours): with the app id, app secret and a refresh token on
  the channel, ``POST {SOCIAL_ZALO_OAUTH_URL}`` (form: refresh_token, app_id,
  grant_type=refresh_token; header ``secret_key``) → ``{"access_token", "refresh_token",
  "expires_in"}`` renews the pair before it expires, and once after a -124/-216. The
  refresh token is single use: the channel row is locked while it is spent.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import crypto
from . import Message, NetworkError, http_client, retry_after_header

RATE_LIMIT_ERRORS = {-32}
TOKEN_ERRORS = {-124, -216}
PERMANENT_ERRORS = {-201} | TOKEN_ERRORS
EXPIRY_MARGIN = timedelta(minutes=10)
RATE_LIMIT_WAIT = 60
TITLE_MAX, DESCRIPTION_MAX = 150, 300  # Zalo's limits for an article


def refresh(channel) -> None:
    """Spend the refresh token for a new pair; stored encrypted on the channel."""
    from ..models import Channel

    with transaction.atomic():
        locked = Channel.objects.select_for_update().get(pk=channel.pk)
        if locked.refresh_token_encrypted != channel.refresh_token_encrypted:
            _copy_tokens(locked, channel)  # another worker has just renewed it
            return
        data = {
            "refresh_token": locked.refresh_token(),
            "app_id": locked.app_id,
            "grant_type": "refresh_token",
        }
        try:
            with http_client() as http:
                response = http.post(
                    settings.SOCIAL_ZALO_OAUTH_URL,
                    data=data,
                    headers={"secret_key": locked.app_secret()},
                )
            answer = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise NetworkError(f"Zalo OAuth: {type(exc).__name__}") from None
        if not isinstance(answer, dict) or not answer.get("access_token"):
            answer = answer if isinstance(answer, dict) else {}
            detail = answer.get("error_description") or answer.get("error_name") or ""
            text = f"Zalo OAuth: refresh token refused ({answer.get('error')}: {detail})"
            raise NetworkError(text[:400], permanent=True)
        locked.set_token(str(answer["access_token"]))
        if answer.get("refresh_token"):
            locked.refresh_token_encrypted = crypto.encrypt(str(answer["refresh_token"]))
        seconds = _seconds(answer.get("expires_in")) or 25 * 3600
        locked.token_expires_at = timezone.now() + timedelta(seconds=seconds)
        locked.save(
            update_fields=["token_encrypted", "refresh_token_encrypted", "token_expires_at"]
        )
        _copy_tokens(locked, channel)


def _seconds(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _copy_tokens(source, target) -> None:
    for name in ("token_encrypted", "refresh_token_encrypted", "token_expires_at"):
        setattr(target, name, getattr(source, name))


def access_token(channel) -> str:
    expires = channel.token_expires_at
    if channel.can_refresh and (expires is None or expires <= timezone.now() + EXPIRY_MARGIN):
        refresh(channel)
    return channel.token()


def _call(channel, path: str, payload: dict[str, Any], *, renewed: bool = False) -> dict:
    try:
        return _post(path, access_token(channel), payload)
    except NetworkError as error:
        if error.code in TOKEN_ERRORS and channel.can_refresh and not renewed:
            refresh(channel)
            return _call(channel, path, payload, renewed=True)
        raise


def _post(path: str, token: str, payload: dict[str, Any]) -> dict[str, Any]:
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
    raise NetworkError(text, permanent=code in PERMANENT_ERRORS, code=code)


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
        if not post.pending_token:
            created = _call(channel, "article/create", article_payload(message))
            post.pending_token = str(created.get("token") or "")
            if not post.pending_token:
                raise NetworkError("Zalo: no token in the answer to article/create")
            post.save(update_fields=["pending_token"])
        verified = _call(channel, "article/verify", {"token": post.pending_token})
        remote_id = str(verified.get("id") or "")
        if not remote_id:
            raise NetworkError("Zalo: the article is still being processed")
        return remote_id

    def withdraw(self, channel, remote_id: str) -> None:
        _call(channel, "article/remove", {"id": remote_id})
