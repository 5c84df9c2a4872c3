"""Planned downtime: announced at least 7 working days ahead (holidays counted) unless an
emergency with a reason; shown on every page of the affected sites from publication to
the expected recovery, then gone by itself; listed on a public page."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from operations import downtime
from operations.models import DowntimeNotice


def _at(day: date, hour: int = 8) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


def _notice(tenant, start, end, **extra) -> DowntimeNotice:
    return DowntimeNotice(
        tenant=tenant, starts_at=start, ends_at=end, message_vi="Nâng cấp máy chủ", **extra
    )


def test_seven_working_days_across_tet_2027_accepted_six_refused(commune):
    announced = _at(date(2027, 2, 1), 9)  # Monday; Tết holidays 4–10 February 2027
    six = _notice(commune, _at(date(2027, 2, 16)), _at(date(2027, 2, 16), 12))
    seven = _notice(commune, _at(date(2027, 2, 17)), _at(date(2027, 2, 17), 12))
    for notice in (six, seven):
        notice.published_at = announced
    with pytest.raises(ValidationError) as refused:
        six.full_clean()
    message = refused.value.message_dict["starts_at"][0]
    assert "ít nhất 7 ngày làm việc" in message and "17/02/2027" in message
    seven.full_clean()  # 2,3 + 11,12,15,16,17 February: seven working days
    assert seven.announced_in_time and not six.announced_in_time


def test_a_short_notice_needs_the_emergency_mark_and_a_reason(commune):
    now = timezone.now()
    notice = _notice(commune, now + timedelta(hours=2), now + timedelta(hours=4))
    with pytest.raises(ValidationError, match="7 ngày làm việc"):
        notice.full_clean()
    notice.is_emergency = True
    with pytest.raises(ValidationError) as refused:
        notice.full_clean()
    assert "phải ghi rõ lý do" in str(refused.value.message_dict["emergency_reason"])
    notice.emergency_reason = "Lỗ hổng bảo mật cần vá ngay"
    notice.full_clean()


def test_end_before_start_or_in_the_past_is_refused(commune):
    start = timezone.now() + timedelta(days=30)
    backwards = _notice(commune, start, start - timedelta(hours=1))
    with pytest.raises(ValidationError) as refused:
        backwards.full_clean()
    assert "phải sau thời điểm bắt đầu" in str(refused.value.message_dict["ends_at"])
    past = _notice(
        commune, start - timedelta(days=40), start - timedelta(days=39), is_emergency=True
    )
    past.emergency_reason = "x"
    with pytest.raises(ValidationError, match="đã qua"):
        past.full_clean()


def test_banner_on_every_page_of_the_affected_sites_only(
    province, commune, other_commune, site_client
):
    now = timezone.now()
    _notice(commune, now + timedelta(days=12), now + timedelta(days=12, hours=3)).save()
    for path in ("/", "/duong-day-nong/", "/van-ban/", "/en/"):
        page = site_client(commune).get(path).content.decode()
        assert "Nâng cấp máy chủ" in page, path
    assert "Nâng cấp máy chủ" not in site_client(other_commune).get("/").content.decode()
    assert "Nâng cấp máy chủ" not in site_client(province).get("/").content.decode()
    whole = _notice(province, now + timedelta(days=20), now + timedelta(days=21))
    whole.include_subtree, whole.message_vi = True, "Bảo trì toàn tỉnh"
    whole.save()
    for tenant in (province, commune, other_commune):
        assert "Bảo trì toàn tỉnh" in site_client(tenant).get("/").content.decode()


def test_the_notice_goes_by_itself_after_the_expected_end(commune):
    notice = _notice(commune, timezone.now() + timedelta(days=10), timezone.now())
    notice.ends_at = notice.starts_at + timedelta(hours=2)
    notice.save()
    now = notice.published_at
    assert downtime.notices_for(commune, now)
    during = now + timedelta(days=10, hours=1)
    assert downtime.notices_for(commune, during)[0].is_ongoing(during)
    assert downtime.notices_for(commune, now + timedelta(days=10, hours=2)) == []
    assert downtime.notices_for(commune, now - timedelta(minutes=1)) == []  # not yet published


def test_public_list_and_english_message(commune, site_client):
    now = timezone.now()
    notice = _notice(commune, now + timedelta(days=14), now + timedelta(days=14, hours=6))
    notice.message_en = "Server upgrade"
    notice.save()
    client = site_client(commune)
    page = client.get("/thong-bao-bao-tri/").content.decode()
    assert "Sắp diễn ra" in page and "Nâng cấp máy chủ" in page
    english = client.get("/en/thong-bao-bao-tri/").content.decode()
    assert "Server upgrade" in english and "Upcoming" in english
    DowntimeNotice.objects.all().delete()
    assert "Hiện không có lịch" in client.get("/thong-bao-bao-tri/").content.decode()


def test_site_admin_announces_for_their_site_only(
    client, commune, other_commune, commune_site_admin
):
    client.force_login(commune_site_admin)
    start = timezone.localtime(timezone.now() + timedelta(days=30))
    end = start + timedelta(hours=3)
    data = {
        "starts_at_0": start.strftime("%d/%m/%Y"),
        "starts_at_1": start.strftime("%H:%M"),
        "ends_at_0": end.strftime("%d/%m/%Y"),
        "ends_at_1": end.strftime("%H:%M"),
        "message_vi": "Bảo trì",
        "message_en": "",
        "emergency_reason": "",
    }
    url = reverse("admin:operations_downtimenotice_add")
    refused = client.post(url, {**data, "tenant": other_commune.pk}, HTTP_HOST="xaa.portal.test")
    assert refused.status_code == 200 and not DowntimeNotice.objects.exists()
    answer = client.post(url, {**data, "tenant": commune.pk}, HTTP_HOST="xaa.portal.test")
    assert answer.status_code == 302, answer.content.decode()[:3000]
    notice = DowntimeNotice.objects.get()
    assert notice.tenant == commune and notice.created_by == commune_site_admin


def test_a_page_with_a_notice_costs_no_query_once_cached(
    commune, site_client, django_assert_max_num_queries
):
    now = timezone.now()
    _notice(commune, now + timedelta(days=12), now + timedelta(days=13)).save()
    client = site_client(commune)
    client.get("/duong-day-nong/")
    with django_assert_max_num_queries(1):  # the hotlines; the notice comes from the cache
        assert "Nâng cấp máy chủ" in client.get("/duong-day-nong/").content.decode()
