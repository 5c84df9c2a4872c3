"""When a planned downtime starts, the beat refreshes the static fallback of its sites —
once per notice, just before the start, only the sites it covers."""

from datetime import timedelta

from django.utils import timezone

from operations import tasks
from operations.models import DowntimeNotice


def _notice(tenant, starts_in: timedelta, **extra) -> DowntimeNotice:
    start = timezone.now() + starts_in
    return DowntimeNotice.objects.create(
        tenant=tenant,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        message_vi="Nâng cấp máy chủ",
        **extra,
    )


def test_the_sites_of_a_starting_downtime_are_exported_once(
    settings, tmp_path, province, commune, other_commune
):
    settings.STATIC_FALLBACK_DIR = str(tmp_path)
    later = _notice(other_commune, timedelta(days=9))
    starting = _notice(commune, timedelta(minutes=5))
    assert tasks.export_static_for_downtime.delay().get() == "1 sites"
    home = tmp_path / "xaa.portal.test" / "index.html"
    assert "Hệ thống đang bảo trì" in home.read_text(encoding="utf-8")
    assert "Nâng cấp máy chủ" in home.read_text(encoding="utf-8")
    assert not (tmp_path / "xab.portal.test").exists()  # its downtime is days away
    assert not (tmp_path / "portal.test").exists()
    starting.refresh_from_db()
    assert starting.static_exported_at is not None

    home.unlink()
    assert tasks.export_static_for_downtime.delay().get() == "0 sites"  # once
    assert not home.exists()

    later.starts_at = timezone.now() - timedelta(minutes=1)  # it has started: exported
    later.save()
    assert tasks.export_static_for_downtime.delay().get() == "1 sites"
    assert (tmp_path / "xab.portal.test" / "index.html").is_file()


def test_a_province_wide_downtime_exports_every_site_below(
    settings, tmp_path, province, commune, other_commune
):
    settings.STATIC_FALLBACK_DIR = str(tmp_path)
    _notice(province, timedelta(minutes=1), include_subtree=True)
    ended = _notice(commune, -timedelta(hours=3))  # over: nothing to do
    assert tasks.export_static_for_downtime.delay().get() == "3 sites"
    for host in ("portal.test", "xaa.portal.test", "xab.portal.test"):
        assert (tmp_path / host / "index.html").is_file(), host
    ended.refresh_from_db()
    assert ended.static_exported_at is None


def test_nothing_without_a_fallback_directory(settings, commune):
    settings.STATIC_FALLBACK_DIR = ""
    _notice(commune, timedelta(minutes=1))
    assert tasks.export_static_for_downtime.delay().get() == "STATIC_FALLBACK_DIR not set"
