import re

import pytest
from django import forms
from django.test import RequestFactory

from portal.antiabuse import (
    ProtectedForm,
    check_challenge,
    daily_visitor_hash,
    new_challenge,
    rate_limited,
)

pytestmark = pytest.mark.django_db

WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]


def solve(question: str) -> str:
    left, right = re.match(r"(\w+) cộng (\w+)", question.lower()).groups()
    return str(WORDS.index(left) + WORDS.index(right))


class QuestionForm(ProtectedForm):
    content = forms.CharField(max_length=100)


def request(address="203.0.113.9"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_right_answer_passes_once_and_replay_fails():
    question, token = new_challenge()
    assert check_challenge(token, solve(question))
    assert not check_challenge(token, solve(question))


def test_wrong_answer_and_forged_token_fail():
    question, token = new_challenge()
    assert not check_challenge(token, str(int(solve(question)) + 1))
    assert not check_challenge(token + "x", solve(question))
    assert not check_challenge("", "3")
    assert not check_challenge(token, "mười")


def test_form_accepts_a_solved_challenge_with_consent():
    blank = QuestionForm(request=request())
    data = {
        "content": "Xin hỏi",
        "captcha_token": blank.initial["captcha_token"],
        "captcha_answer": solve(blank.fields["captcha_answer"].label),
        "consent": "on",
        "website": "",
    }
    form = QuestionForm(data, request=request())
    assert form.is_valid(), form.errors


def test_form_refuses_honeypot_missing_consent_and_wrong_answer_keeping_text():
    blank = QuestionForm(request=request())
    data = {
        "content": "Xin hỏi",
        "captcha_token": blank.initial["captcha_token"],
        "captcha_answer": "99",
        "website": "",
    }
    form = QuestionForm(data, request=request())
    assert not form.is_valid()
    assert "consent" in form.errors and "captcha_answer" in form.errors
    # Re-shown with a new question and the citizen's text kept.
    assert form.data["content"] == "Xin hỏi"
    assert form.data["captcha_token"] != data["captcha_token"]


def test_rate_limit_counts_per_client():
    first = request("198.51.100.1")
    assert [rate_limited(first, "qa", 3, 60) for _ in range(4)] == [False, False, False, True]
    assert not rate_limited(request("198.51.100.2"), "qa", 3, 60)


def test_daily_hash_changes_with_day_and_hides_the_address():
    from datetime import date

    value = daily_visitor_hash(request(), "survey", date(2026, 11, 23))
    assert "203.0.113.9" not in value
    assert value != daily_visitor_hash(request(), "survey", date(2026, 11, 24))


def test_filled_honeypot_is_refused_even_with_a_right_answer():
    blank = QuestionForm(request=request())
    data = {
        "content": "Mua ngay",
        "captcha_token": blank.initial["captcha_token"],
        "captcha_answer": solve(blank.fields["captcha_answer"].label),
        "consent": "on",
        "website": "http://spam.example",
    }
    form = QuestionForm(data, request=request())
    assert not form.is_valid()
    assert "Không thể gửi biểu mẫu" in str(form.non_field_errors())
