import re
from datetime import timedelta

import factory
from django.utils import timezone

from dialogue.models import (
    DialogueSession,
    Hotline,
    Inquiry,
    InquiryStatus,
    SessionQuestion,
    SessionQuestionStatus,
)

WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]


def solve(question: str) -> str:
    """Answer the project's CAPTCHA as a person would (see tests/portal/test_antiabuse.py)."""
    left, right = re.match(r"(\w+) cộng (\w+)", str(question).lower()).groups()
    return str(WORDS.index(left) + WORDS.index(right))


def solve_page(html: str) -> dict:
    """CAPTCHA token and answer from a rendered form page."""
    token = re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)
    question = re.search(r'for="id_captcha_answer"[^>]*>([^<]+)<', html).group(1)
    return {"captcha_token": token, "captcha_answer": solve(question)}


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    name = "Nguyễn Thị Lan"
    email = "lan@example.com"
    phone = "0912 345 678"
    title = factory.Sequence(lambda n: f"Câu hỏi số {n}")
    content = "Xin hỏi thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ."
    received_on = factory.LazyFunction(timezone.localdate)
    deadline = factory.LazyAttribute(lambda o: o.received_on + timedelta(days=21))


class PublishedInquiryFactory(InquiryFactory):
    status = InquiryStatus.PUBLISHED
    answer = "Hồ sơ nộp tại Bộ phận Một cửa."
    answer_author = "UBND xã"
    answered_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueSession

    title_vi = factory.Sequence(lambda n: f"Đối thoại số {n}")
    title_en = factory.Sequence(lambda n: f"Dialogue {n}")
    slug = factory.Sequence(lambda n: f"doi-thoai-{n}")
    leaders_vi = "Nguyễn Văn Minh, Phó Chủ tịch UBND tỉnh"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=30))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=2))


class SessionQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionQuestion

    name = "Trần Văn Nam"
    content = factory.Sequence(lambda n: f"Câu hỏi đối thoại {n}?")
    status = SessionQuestionStatus.ACCEPTED


class HotlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hotline

    purpose_vi = "Phản ánh thủ tục hành chính"
    number = "0238 3999 999"
    hours_vi = "Giờ hành chính"
