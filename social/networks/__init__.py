"""One adapter per network, each speaking that network's documented HTTP API through
httpx. An adapter publishes a `Message` and returns the remote id, withdraws by remote
id, and turns every failure into a `NetworkError` saying whether to try again and when.

Base URLs come from settings (tests point them at local stubs). Tokens travel in a
header or the request body, never in a URL that could be logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import httpx
from django.conf import settings


@dataclass(frozen=True)
class Message:
    title: str
    summary: str
    link: str
    image_url: str = ""
    author: str = ""


class NetworkError(Exception):
    """A refused or failed call. `permanent`: retrying cannot help (bad token, missing
    permission, invalid content) — staff must act. `retry_after`: seconds the network
    asked us to wait (rate limits)."""

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        retry_after: float | None = None,
        code: int | None = None,
    ):
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after
        self.code = code  # the network's own error code, when it gave one


class Adapter(Protocol):
    def publish(self, channel, message: Message, post) -> str: ...

    def withdraw(self, channel, remote_id: str) -> None: ...


def http_client() -> httpx.Client:
    return httpx.Client(timeout=settings.SOCIAL_TIMEOUT, follow_redirects=False)


def retry_after_header(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.isdigit() else None


def adapter_for(network: str) -> Adapter:
    from .facebook import FacebookPage
    from .zalo import ZaloOA

    return {"facebook": FacebookPage(), "zalo": ZaloOA()}[network]
