"""What every request under ``/api/`` passes before and after its endpoint: the language,
the formats the API serves, a bounded query string, the token of a registered consumer
and the rate limit per client; errors leave as ``application/problem+json``."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.antiabuse import rate_limited

from .problems import PROBLEM_TYPE, problem

logger = logging.getLogger(__name__)

MAX_QUERY_STRING = 2048
LANGUAGES = ("vi", "en")
SERVED_TYPES = (
    "application/json",
    PROBLEM_TYPE,
    "application/ld+json",
    "application/feed+json",
    "text/html",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)


def is_api_path(path: str) -> bool:
    """The public read API; /api/compliance/ (the auditors' API) keeps its own gate."""
    return path.startswith("/api/v1")


def accepts_served_type(accept: str) -> bool:
    """True when the Accept header names (or allows by a wildcard) a type we serve."""
    if not accept.strip():
        return True
    for part in accept.split(",")[:30]:
        media, _sep, params = part.strip().partition(";")
        media = media.strip().lower()
        if "q=0" in params.replace(" ", "") and "q=0." not in params.replace(" ", ""):
            continue  # q=0: explicitly not acceptable
        if media in ("*/*", "*") or media in SERVED_TYPES:
            return True
        if media.endswith("/*") and any(t.startswith(media[:-1]) for t in SERVED_TYPES):
            return True
    return False


def has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


def consumer_for(header: str):
    """The active registered consumer of a bearer token; None for a bad token."""
    from compliance.models import ApiConsumer  # the consumer model the board manages

    if not header.startswith("Bearer ") or len(header) > 200:
        return None
    token = header[7:].strip()
    if not token:
        return None
    # Looked up by the token alone (not by host): the token names its consumer.
    consumer = ApiConsumer.objects.filter(token_hash=ApiConsumer.hash_token(token)).first()
    if consumer is None or not consumer.is_active:
        return None
    now = timezone.now()
    if consumer.last_used_at is None or (now - consumer.last_used_at).total_seconds() > 300:
        ApiConsumer.objects.filter(pk=consumer.pk).update(last_used_at=now)
    return consumer


def consumer_over_limit(consumer) -> bool:
    key = f"api:consumer-rate:{consumer.pk}"
    try:
        calls = cache.incr(key) if cache.add(key, 1, 60) is False else 1
    except ValueError:
        cache.set(key, 1, 60)
        calls = 1
    except Exception:  # noqa: BLE001 - a broken cache must not take the API down
        logger.warning("API rate cache unavailable", exc_info=True)
        return False
    return calls > consumer.rate_per_minute


def refuse(request: HttpRequest) -> HttpResponse | None:
    """The answer that stops this request before its endpoint (bad language, query string,
    Accept or token; over the rate limit), or None. Counts the request against its limit.
    Also asked before the page cache serves a stored API answer (api/caching.py)."""
    language = request.GET.get("lang", "vi")
    translation.activate(language if language in LANGUAGES else "vi")
    request.LANGUAGE_CODE = translation.get_language()
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return problem(
            request,
            414,
            _("Chuỗi tham số dài quá %(n)s ký tự.") % {"n": MAX_QUERY_STRING},
        )
    if has_nul(request):
        # PostgreSQL text cannot hold NUL: refused here rather than in every filter.
        return problem(request, 400, _("Địa chỉ hoặc tham số chứa ký tự NUL không hợp lệ."))
    if language not in LANGUAGES:
        return problem(request, 400, _("Ngôn ngữ chỉ có thể là vi hoặc en."))
    if not accepts_served_type(request.headers.get("Accept", "")):
        return problem(
            request,
            406,
            _("API trả về application/json (và CSV, XLSX cho bảng số liệu)."),
        )
    header = request.headers.get("Authorization", "")
    request.api_consumer = None
    if header:
        consumer = consumer_for(header)
        if consumer is None:
            return problem(
                request,
                401,
                _("Mã truy cập không đúng, đã bị thu hồi hoặc sai định dạng (Bearer <mã>)."),
                headers={"WWW-Authenticate": 'Bearer realm="api"'},
            )
        request.api_consumer = consumer
        over = consumer_over_limit(consumer)
        limit = consumer.rate_per_minute
    else:
        limit = settings.API_ANON_RATE_PER_MINUTE
        over = rate_limited(request, "api", limit, 60)
    request.api_rate_limit = limit
    if over:
        return problem(
            request,
            429,
            _("Vượt quá %(n)s yêu cầu mỗi phút. Vui lòng thử lại sau.") % {"n": limit},
            headers={"Retry-After": "60"},
        )
    return None


def finish(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Errors as problem+json; CORS, language and rate-limit headers on every answer."""
    content_type = response.get("Content-Type", "")
    if response.status_code >= 400 and not content_type.startswith(PROBLEM_TYPE):
        detail = {
            404: _("Không có tài nguyên này trong API."),
            405: _("API chỉ đọc: dùng GET hoặc HEAD."),
        }.get(response.status_code, _("Không xử lý được yêu cầu."))
        replacement = problem(request, response.status_code, detail)
        # The headers that tell a client what to do next survive the rewrite.
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if response.has_header(header):
                replacement[header] = response[header]
        response = replacement
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Language"] = translation.get_language() or "vi"
    limit = getattr(request, "api_rate_limit", None)
    if limit:
        response["RateLimit-Limit"] = str(limit)
    return response


class ApiGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_api_path(request.path) or getattr(request, "tenant", None) is None:
            return self.get_response(request)
        refused = refuse(request)
        if refused is not None:
            return finish(request, refused)
        return finish(request, self.get_response(request))

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not is_api_path(request.path):
            return None
        logger.exception("API error on %s", request.path)
        return problem(request, 500, _("Lỗi hệ thống; vui lòng thử lại sau."))
