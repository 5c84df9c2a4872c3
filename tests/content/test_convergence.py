"""Convergence: a commune proposes, the province accepts or rejects, withdrawal removes."""

import pytest

from content import syndication
from content.models import Syndication, SyndicationStatus
from portal import publishing
from tests.content.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(commune, news):
    return ArticleFactory(tenant=commune, category=news, title_vi="Tin xã gửi tỉnh")


@pytest.fixture
def proposal(article, commune_editor):
    return syndication.propose_to_parent(article, by=commune_editor)


def test_accepted_article_shows_on_the_portal_with_source_and_canonical(
    proposal, board_member, province, site_client, article
):
    portal = site_client(province)
    assert "Tin xã gửi tỉnh" not in portal.get("/").content.decode()
    syndication.accept(proposal, by=board_member)
    home = portal.get("/").content.decode()
    assert "Tin từ các đơn vị" in home and "Tin xã gửi tỉnh" in home
    detail = portal.get(proposal.get_absolute_url())
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "Xã An Bình" in html
    assert f'rel="canonical" href="http://xaa.portal.test{article.get_absolute_url()}"' in html


def test_english_url_of_a_vietnamese_only_accepted_article_is_not_a_404(
    proposal, board_member, province, site_client
):
    """The language switch of the portal's copy leads to its English URL."""
    syndication.accept(proposal, by=board_member)
    response = site_client(province).get(f"/en/tin-tu-cac-don-vi/{proposal.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "available in Vietnamese only" in html and "Tin xã gửi tỉnh" in html
    assert "Tin xã gửi tỉnh" not in site_client(province).get("/en/").content.decode()


def test_rejected_article_stays_only_on_the_commune(
    proposal, board_member, province, commune, site_client, article
):
    syndication.reject(proposal, by=board_member, reason="Không phù hợp")
    assert Syndication.objects.get().status == SyndicationStatus.REJECTED
    assert "Tin xã gửi tỉnh" not in site_client(province).get("/").content.decode()
    assert site_client(province).get(proposal.get_absolute_url()).status_code == 404
    assert site_client(commune).get(article.get_absolute_url()).status_code == 200


def test_withdrawing_at_source_removes_it_from_the_portal(
    proposal, board_member, commune_editor, province, site_client, article
):
    syndication.accept(proposal, by=board_member)
    syndication.withdraw(article, by=commune_editor)
    assert "Tin xã gửi tỉnh" not in site_client(province).get("/").content.decode()
    assert site_client(province).get(proposal.get_absolute_url()).status_code == 404


def test_unpublishing_at_source_removes_it_from_the_portal(
    proposal, board_member, commune_approver, province, site_client, article
):
    syndication.accept(proposal, by=board_member)
    publishing.archive(article, by=commune_approver)
    assert "Tin xã gửi tỉnh" not in site_client(province).get("/").content.decode()
    assert site_client(province).get(proposal.get_absolute_url()).status_code == 404


def test_only_the_parents_approver_decides(proposal, commune_approver, commune_editor):
    with pytest.raises(syndication.SyndicationError):
        syndication.accept(proposal, by=commune_approver)
    with pytest.raises(syndication.SyndicationError):
        syndication.accept(proposal, by=commune_editor)


def test_another_commune_cannot_propose_my_article(article, other_commune_editor):
    with pytest.raises(syndication.SyndicationError):
        syndication.propose_to_parent(article, by=other_commune_editor)


def test_a_portal_without_parent_cannot_propose(province, superuser):
    with pytest.raises(syndication.SyndicationError, match="cấp trên"):
        syndication.propose_to_parent(ArticleFactory(tenant=province), by=superuser)


def test_proposing_twice_is_refused_but_after_rejection_it_may_be_proposed_again(
    proposal, article, commune_editor, board_member
):
    with pytest.raises(syndication.SyndicationError):
        syndication.propose_to_parent(article, by=commune_editor)
    syndication.reject(proposal, by=board_member, reason="Sửa lại")
    again = syndication.propose_to_parent(article, by=commune_editor)
    assert again.pk == proposal.pk and again.status == SyndicationStatus.PROPOSED


def test_portal_approver_accepts_from_the_admin_queue(
    proposal, board_member, province, site_client
):
    from django.urls import reverse

    client = site_client(province, board_member)
    url = reverse("admin:content_syndication_changelist")
    assert "Tin xã gửi tỉnh" in client.get(url).content.decode()
    client.post(url, {"action": "accept_selected", "_selected_action": [proposal.pk]})
    proposal.refresh_from_db()
    assert proposal.status == SyndicationStatus.ACCEPTED


def test_a_refused_proposal_from_the_admin_shows_the_reason(province, superuser, site_client):
    from django.urls import reverse

    article = ArticleFactory(tenant=province, title_vi="Tin của tỉnh")
    client = site_client(province, superuser)
    response = client.post(
        reverse("admin:content_article_changelist"),
        {"action": "propose_selected", "_selected_action": [article.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Đơn vị này không có cổng cấp trên để đề xuất." in response.content.decode()
    assert not Syndication.objects.filter(article=article).exists()


def test_portal_approver_rejects_from_the_admin_with_a_reason(
    proposal, board_member, province, site_client
):
    from django.urls import reverse

    client = site_client(province, board_member)
    url = reverse("admin:content_syndication_changelist")
    form = client.post(url, {"action": "reject_selected", "_selected_action": [proposal.pk]})
    assert 'name="reason"' in form.content.decode()
    client.post(
        url,
        {"action": "reject_selected", "_selected_action": [proposal.pk], "reason": "Trùng tin"},
    )
    proposal.refresh_from_db()
    assert proposal.status == SyndicationStatus.REJECTED and proposal.reason == "Trùng tin"


def test_the_source_sees_the_decision_on_its_article(
    proposal, board_member, commune, commune_editor, site_client, article
):
    from django.urls import reverse

    syndication.reject(proposal, by=board_member, reason="Trùng tin")
    html = (
        site_client(commune, commune_editor)
        .get(reverse("admin:content_article_change", args=[article.pk]))
        .content.decode()
    )
    assert "Không tiếp nhận" in html and "Trùng tin" in html
