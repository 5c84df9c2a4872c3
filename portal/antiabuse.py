"""Protection every public form shares: a CAPTCHA served by the project (no third-party
service), a honeypot, rate limits per IP and per session, and the personal-data consent
of Decree 13/2023/NĐ-CP. Nothing here stores an IP address or a user agent.

Use: subclass `ProtectedForm` (or mix `ProtectedFormMixin` into a ModelForm), build it
with `request=request`, declare the form's limit in portal/ratelimits.py and call
`ratelimits.over_limit(request, "<url name>")` in the view before saving.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import date

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .client_address import client_address

logger = logging.getLogger(__name__)

CAPTCHA_SALT = "portal.antiabuse.captcha"
CAPTCHA_MAX_AGE = 30 * 60  # seconds a challenge stays valid

# Spelled-out numbers: a text question any screen reader reads aloud, that a
# naive bot posting digits cannot parse from the markup.
NUMBER_WORDS_VI = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]
NUMBER_WORDS_EN = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
]

CONSENT_NOTICE = _(
    "Tôi đồng ý để cơ quan quản lý trang này xử lý các thông tin cá nhân tôi cung cấp "
    "(họ tên, thư điện tử, số điện thoại) chỉ nhằm trả lời và liên hệ về nội dung này, "
    "theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân. Thông tin liên hệ không "
    "được công khai."
)


def _answer_digest(answer: int, nonce: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{nonce}:{answer}".encode(), hashlib.sha256
    ).hexdigest()


def new_challenge(language: str = "vi") -> tuple[str, str]:
    """(question, signed token) for a sum of two numbers from 1 to 10."""
    left, right = secrets.randbelow(10) + 1, secrets.randbelow(10) + 1
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"n": nonce, "d": _answer_digest(left + right, nonce)}, salt=CAPTCHA_SALT)
    if language == "en":
        question = f"How much is {NUMBER_WORDS_EN[left]} plus {NUMBER_WORDS_EN[right]}? (digits)"
    else:
        words = NUMBER_WORDS_VI[left].capitalize(), NUMBER_WORDS_VI[right]
        question = f"{words[0]} cộng {words[1]} bằng bao nhiêu? (ghi bằng số)"
    return question, token


def check_challenge(token: str, answer: str) -> bool:
    """True once per token for the right answer; a replayed or expired token fails."""
    try:
        payload = signing.loads(token, salt=CAPTCHA_SALT, max_age=CAPTCHA_MAX_AGE)
        given = int(str(answer).strip())
    except (signing.BadSignature, ValueError, TypeError):
        return False
    if not isinstance(payload, dict) or not hmac.compare_digest(
        str(payload.get("d", "")), _answer_digest(given, str(payload.get("n", "")))
    ):
        return False
    # Single use: the first correct post consumes the token.
    return cache.add(f"captcha:used:{payload['n']}", 1, CAPTCHA_MAX_AGE)


def daily_visitor_hash(request: HttpRequest, scope: str, day: date | None = None) -> str:
    """A salted hash of the client address for one day and scope: limits repeat votes
    without storing the address; tomorrow's hash of the same browser differs."""
    return address_hash_for_day(client_address(request), scope, day)


def address_hash_for_day(address: str, scope: str, day: date | None = None) -> str:
    """daily_visitor_hash of an address already read from the request."""
    day = day or timezone.localdate()
    return hmac.new(
        settings.SECRET_KEY.encode(),
        f"{scope}:{day.isoformat()}:{address}".encode(),
        hashlib.sha256,
    ).hexdigest()[:32]


def rate_limited(request: HttpRequest, scope: str, limit: int, window: int) -> bool:
    """Count one attempt for this client and session; True when over `limit` in `window` s.

    With the cache unreachable the form still works (fails open) and the event is logged:
    a broken Redis must not take the citizen forms down.
    """
    keys = [f"ratelimit:{scope}:ip:{daily_visitor_hash(request, scope)}"]
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        keys.append(f"ratelimit:{scope}:session:{session.session_key}")
    try:
        over = False
        for key in keys:
            cache.add(key, 0, window)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, window)
                count = 1
            over = over or count > limit
        return over
    except Exception:  # noqa: BLE001 - any cache backend error
        logger.warning("rate limit cache unavailable for %s", scope, exc_info=True)
        return False


class ProtectedFormMixin:
    """Adds honeypot, CAPTCHA and consent fields to a form built with `request=`."""

    honeypot_field = "website"

    def __init__(self, *args, request: HttpRequest | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        language = getattr(request, "LANGUAGE_CODE", "vi") or "vi"
        question, token = new_challenge("en" if language.startswith("en") else "vi")
        self.fields[self.honeypot_field] = forms.CharField(
            required=False,
            label=_("Để trống ô này"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            template_name="portal/forms/honeypot_field.html",
        )
        self.fields["captcha_answer"] = forms.CharField(
            label=question,
            max_length=4,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            help_text=_("Câu hỏi kiểm tra để chống thư rác."),
            error_messages={"required": _("Vui lòng trả lời câu hỏi kiểm tra.")},
        )
        self.fields["captcha_token"] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.fields["consent"] = forms.BooleanField(
            label=CONSENT_NOTICE,
            error_messages={
                "required": _("Vui lòng đồng ý với việc xử lý dữ liệu cá nhân để gửi.")
            },
        )
        # A bound form re-shows a fresh question: the old token is single-use.
        self.posted_token = (
            self.data.get(self.add_prefix("captcha_token"), "") if self.is_bound else ""
        )
        self.initial["captcha_token"] = token
        if self.is_bound:
            data = self.data.copy()
            data[self.add_prefix("captcha_token")] = token
            data[self.add_prefix("captcha_answer")] = ""
            self.redisplay_data = data

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(self.honeypot_field):
            raise forms.ValidationError(
                _("Không thể gửi biểu mẫu. Vui lòng thử lại."), code="honeypot"
            )
        answer = cleaned.get("captcha_answer")
        if answer is not None and not check_challenge(self.posted_token, answer):
            self.add_error(
                "captcha_answer",
                _("Câu trả lời kiểm tra chưa đúng hoặc đã hết hạn. Vui lòng trả lời câu hỏi mới."),
            )
        return cleaned

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors:
            # Show the new challenge with the citizen's other answers kept.
            self.data = self.redisplay_data


class ProtectedForm(ProtectedFormMixin, forms.Form):
    pass
