"""Dialogue sessions: questions before and during, moderation, live answers, transcript."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dialogue import sessions
from dialogue.models import SessionQuestion, SessionQuestionStatus

from .factories import SessionFactory, SessionQuestionFactory, solve_page

pytestmark = pytest.mark.django_db


def _ask(client, url, **overrides):
    data = {
        "name": "Hoàng Thị Mai",
        "email": "mai@example.com",
        "locality": "Xã An Bình",
        "content": "Khi nào có trường mầm non mới?",
        "consent": "on",
        "website": "",
        **solve_page(client.get(url).content.decode()),
    }
    data.update(overrides)
    return client.post(url, data)


def test_citizen_asks_before_the_session_and_sees_it_after_moderation(
    province, board_member, site_client
):
    session = SessionFactory(
        tenant=province,
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=2),
    )
    client = site_client(province)
    url = f"/doi-thoai/{session.slug}/"
    assert "Sắp diễn ra" in client.get(url).content.decode()
    assert _ask(client, url).status_code == 302
    question = SessionQuestion.objects.get()
    assert question.status == SessionQuestionStatus.PENDING
    assert "Khi nào có trường mầm non mới?" not in client.get(url).content.decode()
    sessions.accept(question, by=board_member)
    page = client.get(url).content.decode()
    assert "Khi nào có trường mầm non mới?" in page and "mai@example.com" not in page


def test_live_answer_appears_in_the_json_feed_and_on_reload(province, board_member, site_client):
    session = SessionFactory(tenant=province)
    question = SessionQuestionFactory(session=session)
    client = site_client(province)
    before = timezone.now().isoformat()
    feed = client.get(f"/doi-thoai/{session.slug}/cap-nhat.json", {"since": before}).json()
    assert feed["answers"] == [] and feed["phase"] == "live"
    sessions.answer(question, "Quý II năm sau khởi công.", leader="Chủ tịch UBND", by=board_member)
    feed = client.get(f"/doi-thoai/{session.slug}/cap-nhat.json", {"since": before}).json()
    assert [a["answer"] for a in feed["answers"]] == ["Quý II năm sau khởi công."]
    assert feed["answers"][0]["id"] == question.pk
    later = client.get(
        f"/doi-thoai/{session.slug}/cap-nhat.json", {"since": feed["answers"][0]["answered_at"]}
    ).json()
    assert later["answers"] == []
    page = client.get(f"/doi-thoai/{session.slug}/").content.decode()
    assert "Quý II năm sau khởi công." in page and "dialogue/live.js" in page


def test_moderators_merge_and_decline(province, board_member, other_commune_editor):
    session = SessionFactory(tenant=province)
    main = SessionQuestionFactory(session=session)
    same = SessionQuestionFactory(session=session, status=SessionQuestionStatus.PENDING)
    spam = SessionQuestionFactory(session=session, status=SessionQuestionStatus.PENDING)
    with pytest.raises(sessions.ModerationError):
        sessions.accept(spam, by=other_commune_editor)
    with pytest.raises(sessions.ModerationError):
        sessions.merge(same, spam, by=board_member)  # into a question not accepted
    sessions.merge(same, main, by=board_member)
    sessions.decline(spam, by=board_member)
    assert [q.pk for q in sessions.public_questions(session)] == [main.pk]
    assert list(main.merged.all()) == [same]
    with pytest.raises(sessions.ModerationError):
        sessions.answer(spam, "x", leader="y", by=board_member)


def test_after_the_session_the_page_is_its_transcript_and_refuses_questions(province, site_client):
    session = SessionFactory(
        tenant=province,
        starts_at=timezone.now() - timedelta(days=2, hours=2),
        ends_at=timezone.now() - timedelta(days=2),
    )
    SessionQuestionFactory(
        session=session,
        answer="Đã có kế hoạch.",
        answered_by="Giám đốc Sở",
        answered_at=timezone.now() - timedelta(days=2, hours=1),
    )
    client = site_client(province)
    url = f"/doi-thoai/{session.slug}/"
    page = client.get(url).content.decode()
    assert "Đã kết thúc" in page and "Đã có kế hoạch." in page
    assert 'name="content"' not in page and "live.js" not in page
    late = client.post(url, {"name": "X", "content": "Còn hỏi được không?"})
    assert late.status_code == 409
    assert "Phiên đối thoại đã kết thúc" in late.content.decode()
    assert SessionQuestion.objects.filter(content="Còn hỏi được không?").count() == 0


def test_session_pages_query_budget(province, site_client, django_assert_max_num_queries):
    session = SessionFactory(tenant=province)
    for _ in range(5):
        main = SessionQuestionFactory(
            session=session, answer="Có.", answered_by="A", answered_at=timezone.now()
        )
        SessionQuestionFactory(
            session=session, status=SessionQuestionStatus.MERGED, merged_into=main
        )
    client = site_client(province)
    for url in (
        f"/doi-thoai/{session.slug}/",
        "/doi-thoai/",
        f"/doi-thoai/{session.slug}/cap-nhat.json",
    ):
        client.get(url)
        with django_assert_max_num_queries(5):
            assert client.get(url).status_code == 200


def test_unpublished_or_other_site_session_is_not_found(province, commune, site_client):
    session = SessionFactory(tenant=province, is_published=False)
    assert site_client(province).get(f"/doi-thoai/{session.slug}/").status_code == 404
    other = SessionFactory(tenant=province)
    assert site_client(commune).get(f"/doi-thoai/{other.slug}/").status_code == 404


def test_english_url_of_a_vietnamese_only_session_is_not_a_404(province, site_client):
    """The language switch of a Vietnamese-only session leads to its English URL."""
    session = SessionFactory(tenant=province, title_vi="Đối thoại chỉ tiếng Việt", title_en="")
    response = site_client(province).get(f"/en/doi-thoai/{session.slug}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "available in Vietnamese only" in body and 'content="noindex"' in body
    assert "Đối thoại chỉ tiếng Việt" in body
