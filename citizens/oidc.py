"""The OpenID Connect client (Authlib): authorization code with PKCE, state and nonce,
the provider's discovery document with an issuer check, ID token validation, UserInfo.

Nothing here logs a token or a code. Every failure becomes a `SignInError` whose
message is shown to the citizen as is.
"""

from __future__ import annotations

import logging
from typing import Any

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from joserfc.errors import ExpiredTokenError, InvalidClaimError, JoseError

logger = logging.getLogger(__name__)

CLIENT_NAME = "citizen"
STATUS_CACHE_SECONDS = 60
ID_TOKEN_LEEWAY = 60  # seconds of clock difference tolerated with the provider


class SignInError(Exception):
    """Sign-in failed; the message is for the citizen, in their language."""


def is_configured() -> bool:
    return bool(
        settings.CITIZEN_OIDC_ISSUER
        and settings.CITIZEN_OIDC_CLIENT_ID
        and settings.CITIZEN_OIDC_CLIENT_SECRET
    )


def provider_name() -> str:
    return settings.CITIZEN_OIDC_PROVIDER_NAME


def _issuer() -> str:
    return settings.CITIZEN_OIDC_ISSUER


def _client() -> DjangoOAuth2App:
    # Built per call: cheap, and a change of settings (another province, a test)
    # never meets a client registered with the old ones.
    oauth = OAuth()
    return oauth.register(
        CLIENT_NAME,
        client_id=settings.CITIZEN_OIDC_CLIENT_ID,
        client_secret=settings.CITIZEN_OIDC_CLIENT_SECRET,
        server_metadata_url=_issuer().rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={
            "scope": settings.CITIZEN_OIDC_SCOPES,
            "code_challenge_method": "S256",
            "timeout": settings.CITIZEN_OIDC_TIMEOUT,
        },
    )


def _down() -> SignInError:
    return SignInError(
        _(
            "Hệ thống định danh %(provider)s hiện không phản hồi. Bạn vẫn có thể dùng mọi "
            "chức năng của trang mà không cần đăng nhập; vui lòng thử đăng nhập lại sau."
        )
        % {"provider": provider_name()}
    )


def _load_metadata(client: DjangoOAuth2App) -> dict[str, Any]:
    try:
        metadata = client.load_server_metadata()
    except (requests.RequestException, ValueError) as exc:
        logger.warning("OIDC discovery failed: %s", type(exc).__name__)
        raise _down() from None
    if metadata.get("issuer") != _issuer():
        logger.warning("OIDC discovery names another issuer than CITIZEN_OIDC_ISSUER")
        raise SignInError(
            _(
                "Hệ thống định danh trả lời với một định danh nhà cung cấp (issuer) khác với "
                "cấu hình của cổng. Đăng nhập bị từ chối để bảo vệ bạn; vui lòng báo quản trị."
            )
        )
    return metadata


def provider_status() -> str:
    """'off' (not configured), 'up' or 'down' — cached a minute, for the account page."""
    if not is_configured():
        return "off"
    key = f"citizens:provider-status:{_issuer()}"
    status = cache.get(key)
    if status is None:
        try:
            _load_metadata(_client())
            status = "up"
        except SignInError:
            status = "down"
        cache.set(key, status, STATUS_CACHE_SECONDS)
    return status


def start(request: HttpRequest, redirect_uri: str) -> HttpResponse:
    """Redirect the browser to the provider; state, nonce and the PKCE verifier are
    kept in the session by Authlib."""
    if not is_configured():
        raise SignInError(_("Đăng nhập bằng tài khoản định danh chưa được bật trên trang này."))
    client = _client()
    _load_metadata(client)
    return client.authorize_redirect(request, redirect_uri)


def finish(request: HttpRequest) -> dict[str, Any]:
    """Check the provider's answer and return the verified claims (ID token + UserInfo)."""
    if not is_configured():
        raise SignInError(_("Đăng nhập bằng tài khoản định danh chưa được bật trên trang này."))
    if request.GET.get("error"):
        raise SignInError(_("Bạn đã hủy đăng nhập hoặc hệ thống định danh từ chối yêu cầu."))
    client = _client()
    _load_metadata(client)
    try:
        token = client.authorize_access_token(request, leeway=ID_TOKEN_LEEWAY)
    except MismatchingStateError:
        raise SignInError(
            _(
                "Phiên đăng nhập không hợp lệ hoặc đã hết hạn (mã state không khớp). "
                "Vui lòng bấm đăng nhập lại từ đầu."
            )
        ) from None
    except OAuthError as exc:
        logger.warning("OIDC token request refused: %s", exc.error)
        raise SignInError(
            _(
                "Mã đăng nhập không còn hiệu lực (đã dùng hoặc hết hạn). "
                "Vui lòng bấm đăng nhập lại từ đầu."
            )
        ) from None
    except ExpiredTokenError:
        raise SignInError(
            _(
                "Thông tin xác thực nhận được đã hết hạn (có thể đồng hồ của hệ thống định "
                "danh bị lệch). Vui lòng đăng nhập lại."
            )
        ) from None
    except InvalidClaimError as exc:
        logger.warning("OIDC ID token claim refused: %s", exc.claim)
        raise SignInError(
            _("Thông tin xác thực nhận được không hợp lệ (%(claim)s). Vui lòng đăng nhập lại.")
            % {"claim": exc.claim}
        ) from None
    except JoseError as exc:
        logger.warning("OIDC ID token refused: %s", type(exc).__name__)
        raise SignInError(
            _("Không kiểm tra được chữ ký của thông tin xác thực. Vui lòng đăng nhập lại.")
        ) from None
    except requests.RequestException:
        raise _down() from None
    claims = dict(token.get("userinfo") or {})
    if not claims.get("sub"):
        raise SignInError(_("Hệ thống định danh không trả về mã định danh của bạn."))
    try:
        userinfo = client.userinfo(token=token)
    except (requests.RequestException, OAuthError, ValueError):
        userinfo = {}  # the ID token alone is enough to sign in
    if userinfo.get("sub") == claims["sub"]:
        claims.update(userinfo)
    claims["iss"] = _issuer()
    return claims
