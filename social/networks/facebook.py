"""Facebook Page through the Graph API.

- publish: ``POST {SOCIAL_FACEBOOK_GRAPH_URL}/{page-id}/feed`` with ``message``, ``link``
  and the Page access token (form body) → ``{"id": "{page-id}_{post-id}"}``. The cover
  image reaches Facebook through the link preview (the article's ``og:image``): the
  feed endpoint no longer takes a picture for a link post.
- withdraw: ``DELETE {SOCIAL_FACEBOOK_GRAPH_URL}/{post-id}`` → ``{"success": true}``.
- errors: ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``;
  codes 4, 17, 32, 613 and 80001 are rate limits, 10, 190 and 200 need staff (token or
  permission), 100 is invalid content — except subcode 33 on a delete, which means the
  post is already gone.
"""

from __future__ import annotations

import httpx
from django.conf import settings

from . import Message, NetworkError, http_client, retry_after_header

RATE_LIMIT_CODES = {4, 17, 32, 613, 80001}
PERMANENT_CODES = {10, 100, 190, 200}
GONE_SUBCODE = 33
RATE_LIMIT_WAIT = 15 * 60  # Graph API limits are over a rolling hour


def _base() -> str:
    return settings.SOCIAL_FACEBOOK_GRAPH_URL.rstrip("/")


def _text(message: Message) -> str:
    return "\n\n".join(part for part in (message.title, message.summary) if part)


def _error_body(response: httpx.Response) -> dict:
    """The Graph API's {"error": {...}}, or {} for anything else (a proxy's page...)."""
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return {}
    return error if isinstance(error, dict) else {}


def _error(response: httpx.Response) -> NetworkError:
    error = _error_body(response)
    code = error.get("code")
    text = f"Facebook {response.status_code}"
    if error:
        text += f", code {code}: {error.get('message', '')}"[:400]
    if code in RATE_LIMIT_CODES or response.status_code == 429:
        wait = retry_after_header(response) or RATE_LIMIT_WAIT
        return NetworkError(text, retry_after=wait)
    return NetworkError(text, permanent=code in PERMANENT_CODES)


class FacebookPage:
    def publish(self, channel, message: Message, post) -> str:
        data = {"message": _text(message), "link": message.link, "access_token": channel.token()}
        try:
            with http_client() as http:
                response = http.post(f"{_base()}/{channel.account_id}/feed", data=data)
        except httpx.HTTPError as exc:
            raise NetworkError(f"Facebook: {type(exc).__name__}") from None
        if response.status_code != 200:
            raise _error(response)
        try:
            remote_id = str(response.json().get("id") or "")
        except (ValueError, AttributeError):
            remote_id = ""
        if not remote_id:
            raise NetworkError("Facebook: no post id in the answer")
        return remote_id

    def withdraw(self, channel, remote_id: str) -> None:
        try:
            with http_client() as http:
                response = http.request(
                    "DELETE", f"{_base()}/{remote_id}", data={"access_token": channel.token()}
                )
        except httpx.HTTPError as exc:
            raise NetworkError(f"Facebook: {type(exc).__name__}") from None
        if response.status_code == 200:
            return
        error = _error_body(response)
        if error.get("code") == 100 and error.get("error_subcode") == GONE_SUBCODE:
            return  # already deleted on Facebook (by hand, or an earlier try)
        raise _error(response)
