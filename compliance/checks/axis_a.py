"""Axis (a) of Decree 224 Art. 12(2): completeness and timeliness of the required information.

Checks on the foundation's own data (the Tenant record) run now. Checks on the data of
other apps call these public functions, and report "not measured" (evidence
"module not available") while the app or function is absent:

- ``<app>.stats.section_counts(tenant) -> dict[str, int]``: published items per
  requirement code ("B1", "B8", ...), for app in content, documents, procedures,
  disclosure, dialogue. Optional ``<app>.stats.section_admin_url(code) -> str``.
- ``<app>.stats.late_records(tenant_ids, since: date) -> list[dict]`` for disclosure,
  documents and content: records published after their deadline (or still unpublished
  past it), each dict with ``title``, ``section`` (requirement code), ``deadline``,
  ``published_on``, ``days_late``, ``day_kind`` ("working"/"calendar"), ``legal_basis``,
  ``admin_url``.
- ``procedures.stats.online_share(tenant, subtree=False)``: an object with ``total``,
  ``full`` and ``partial`` counts of the procedures the site implements.
- ``dialogue.stats.overdue_inquiries(tenant_ids, today)``: a queryset of the open
  inquiries past their working-day deadline (evidence: tracking code, title, dates).
- ``content.stats.stale_translations(tenant) -> list[dict]``: English copies older than
  their Vietnamese (``title``, ``model``, ``admin_url``).
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from portal.hooks import app_function
from portal.workdays import working_days_between
from tenants.models import Tenant

from ..models import CheckStatus
from . import (
    MODULE_MISSING,
    CheckContext,
    CheckResult,
    check,
    grade,
    not_measured,
)
from .params import Kind, Param

FOOTER_FIELDS = {
    "governing_body": "Cơ quan chủ quản",
    "responsible_person": "Người chịu trách nhiệm",
    "address": "Địa chỉ",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "license_text": "Giấy phép",
}
ABOUT_FIELDS = ("name", "introduction", "governing_body", "address", "responsible_title")


def _tenant_field_choices(names) -> tuple[tuple[str, str], ...]:
    return tuple((name, capfirst(Tenant._meta.get_field(name).verbose_name)) for name in names)


def _tenant_fields_param(label, names) -> Param:
    """`fields`: which of the site's fields `names` a check looks at (all when none)."""
    return Param(
        "fields",
        Kind.MULTICHOICE,
        label,
        default=list(names),
        choices=_tenant_field_choices(names),
        help=_("Không chọn mục nào: xét tất cả."),
    )


PERIOD_DAYS = Param(
    "period_days",
    Kind.INT,
    _("Số ngày gần nhất được xét"),
    default=365,
    min=1,
    max=3660,
    help=_("Chỉ xét các bản ghi có hạn đăng trong khoảng này."),
)


def tenant_admin_url(tenant) -> str:
    try:
        return reverse("admin:tenants_tenant_change", args=[tenant.pk])
    except NoReverseMatch:
        return ""


def _missing_share(missing: list, total: int, context: CheckContext) -> str:
    present = (total - len(missing)) / total * 100
    return grade(
        present,
        context.threshold("threshold_pass", 100),
        context.threshold("threshold_partial", 60),
        higher_is_better=True,
    )


@check(
    "footer_complete",
    params=[_tenant_fields_param(_("Các mục chân trang phải có"), FOOTER_FIELDS)],
)
def footer_complete(context: CheckContext) -> CheckResult:
    """The footer carries every item of REQUIREMENTS A5 (Decree 42/224)."""
    tenant = context.tenant
    fields = context.param("fields")
    missing = [name for name in fields if not str(getattr(tenant, name, "") or "").strip()]
    evidence = [
        {"field": name, "label": FOOTER_FIELDS.get(name, name), "missing": True} for name in missing
    ]
    summary = (
        "Chân trang đủ thông tin"
        if not missing
        else "Chân trang thiếu: " + ", ".join(FOOTER_FIELDS.get(n, n) for n in missing)
    )
    return CheckResult(
        _missing_share(missing, len(fields), context),
        summary,
        evidence,
        value=len(fields) - len(missing),
        fix_url=tenant_admin_url(tenant),
    )


@check(
    "about_english",
    params=[
        _tenant_fields_param(
            _("Các mục giới thiệu phải có cả tiếng Việt và tiếng Anh"), ABOUT_FIELDS
        )
    ],
)
def about_english(context: CheckContext) -> CheckResult:
    """About information present in Vietnamese and English (REQUIREMENTS B13 and C)."""
    tenant = context.tenant
    fields = context.param("fields")
    missing = []
    for name in fields:
        for language in ("vi", "en"):
            if not str(getattr(tenant, f"{name}_{language}", "") or "").strip():
                missing.append({"field": name, "language": language, "missing": True})
    total = len(fields) * 2
    summary = (
        "Thông tin giới thiệu đủ tiếng Việt và tiếng Anh"
        if not missing
        else f"Thiếu {len(missing)}/{total} mục giới thiệu (vi/en)"
    )
    return CheckResult(
        _missing_share(missing, total, context),
        summary,
        missing,
        value=total - len(missing),
        fix_url=tenant_admin_url(tenant),
    )


@check("hotline_listed")
def hotline_listed(context: CheckContext) -> CheckResult:
    """A hotline (đường dây nóng) is published (REQUIREMENTS D)."""
    hotline = (context.tenant.hotline or "").strip()
    if hotline:
        return CheckResult(
            CheckStatus.PASS, f"Đường dây nóng: {hotline}", [{"hotline": hotline}], 1
        )
    return CheckResult(
        CheckStatus.FAIL,
        "Chưa công bố đường dây nóng",
        [{"field": "hotline", "missing": True}],
        0,
        tenant_admin_url(context.tenant),
    )


SECTION_APPS = ("content", "documents", "procedures", "disclosure", "dialogue", "surveys")
# A free text, not a list: a province may name an app this installation does not have
# (the indicator is then "not measured").
APP_HELP = _(
    "Tên phân hệ: content (tin bài), documents (văn bản), procedures (thủ tục), "
    "disclosure (công khai thông tin), dialogue (hỏi đáp), surveys (khảo sát)."
)


@check(
    "required_section",
    params=[
        Param(
            "section",
            Kind.STR,
            _("Mục yêu cầu"),
            required=True,
            help=_("Mã mục trong danh mục thông tin phải công khai, ví dụ B8."),
        ),
        Param(
            "app",
            Kind.STR,
            _("Phân hệ đăng tải mục này"),
            required=True,
            help=APP_HELP,
        ),
    ],
)
def required_section(context: CheckContext) -> CheckResult:
    """A required section holds at least `threshold_pass` published items, counted by
    `<app>.stats.section_counts`."""
    section = context.param("section")
    app = context.param("app")
    function = app_function(app, "stats", "section_counts")
    if function is None:
        return not_measured(MODULE_MISSING, function=f"{app}.stats.section_counts")
    key = f"section_counts:{app}"
    if key not in context.cache:
        context.cache[key] = function(context.tenant)
    count = int(context.cache[key].get(section, 0))
    admin_url_function = app_function(app, "stats", "section_admin_url")
    fix_url = admin_url_function(section) if admin_url_function else ""
    status = grade(
        count,
        context.threshold("threshold_pass", 1),
        context.threshold("threshold_partial", 1),
        higher_is_better=True,
    )
    summary = f"Mục {section}: {count} tin/bài đã đăng" if count else f"Mục {section} trống"
    return CheckResult(
        status, summary, [{"section": section, "published": count}], count, fix_url or ""
    )


def _late_records(context: CheckContext, app: str) -> CheckResult:
    days = context.param("period_days")
    section = context.param("section")
    excluded = set(context.param("exclude_sections"))
    function = app_function(app, "stats", "late_records")
    if function is None:
        return not_measured(MODULE_MISSING, function=f"{app}.stats.late_records")
    since = timezone.localdate(context.now) - timedelta(days=days)
    records = list(function([context.tenant.pk], since))
    if section:
        records = [r for r in records if r.get("section") == section]
    records = [r for r in records if r.get("section") not in excluded]
    evidence = [
        {
            "title": r.get("title", ""),
            "section": r.get("section", ""),
            "deadline": r.get("deadline", ""),
            "published_on": r.get("published_on", ""),
            "days_late": r.get("days_late"),
            "day_kind": r.get("day_kind", "working"),
            "legal_basis": r.get("legal_basis", ""),
            "admin_url": r.get("admin_url", ""),
        }
        for r in records[:50]
    ]
    status = grade(
        len(records),
        context.threshold("threshold_pass", 0),
        context.threshold("threshold_partial", 2),
        higher_is_better=False,
    )
    if not records:
        summary = "Không có tin đăng trễ hạn"
    else:
        worst = max(records, key=lambda r: r.get("days_late") or 0)
        unit = "ngày làm việc" if worst.get("day_kind", "working") == "working" else "ngày"
        summary = (
            f"{len(records)} bản ghi đăng trễ hạn; trễ nhất {worst.get('days_late')} {unit}: "
            f"{worst.get('title', '')}"
        )
    fix_url = evidence[0]["admin_url"] if evidence else ""
    return CheckResult(status, summary[:500], evidence, len(records), fix_url)


@check(
    "timeliness",
    params=[
        Param("app", Kind.STR, _("Phân hệ được xét"), default="disclosure", help=APP_HELP),
        Param(
            "section",
            Kind.STR,
            _("Chỉ xét mục"),
            default="",
            help=_("Mã mục, ví dụ B8. Để trống: mọi mục."),
        ),
        Param(
            "exclude_sections",
            Kind.LINES,
            _("Không xét các mục"),
            default=[],
            help=_("Mỗi dòng một mã mục, ví dụ B8."),
        ),
        PERIOD_DAYS,
    ],
)
def timeliness(context: CheckContext) -> CheckResult:
    """Records published within their deadline (portal/deadlines.py: 5 working days;
    budget reports by the State Budget Law's calendar-day deadlines, as the app rules say)."""
    return _late_records(context, context.param("app"))


@check("procedures_online_share")
def procedures_online_share(context: CheckContext) -> CheckResult:
    """Share of the site's procedures that are fully online (REQUIREMENTS B4).

    `procedures.stats.online_share(tenant, subtree=False)` returns counts `total`, `full`
    (toàn trình) and `partial` of the procedures this site implements itself.
    """
    function = app_function("procedures", "stats", "online_share")
    if function is None:
        return not_measured(MODULE_MISSING, function="procedures.stats.online_share")
    counts = function(context.tenant, subtree=False)
    total, full, partial = counts.total, counts.full, counts.partial
    if not total:
        return CheckResult(
            CheckStatus.NOT_APPLICABLE, "Đơn vị không có thủ tục hành chính", [], None
        )
    share = full / total * 100
    status = grade(
        share,
        context.threshold("threshold_pass", 80),
        context.threshold("threshold_partial", 50),
        higher_is_better=True,
    )
    admin_url_function = app_function("procedures", "stats", "section_admin_url")
    return CheckResult(
        status,
        f"{full}/{total} thủ tục trực tuyến toàn trình ({share:.0f}%), {partial} một phần",
        [{"online": full, "partial": partial, "total": total, "share": round(share, 1)}],
        round(share, 1),
        admin_url_function("B4") if admin_url_function else "",
    )


def _inquiry_evidence(inquiry, today) -> dict:
    # Codes, titles and dates only: never the sender's name, e-mail or phone.
    try:
        admin_url = reverse("admin:dialogue_inquiry_change", args=[inquiry.pk])
    except NoReverseMatch:
        admin_url = ""
    return {
        "code": inquiry.tracking_code,
        "title": inquiry.title,
        "received_on": inquiry.received_on.isoformat(),
        "deadline": inquiry.deadline.isoformat(),
        "days_late": working_days_between(inquiry.deadline, today),
        "day_kind": "working",
        "admin_url": admin_url,
    }


@check("qa_overdue")
def qa_overdue(context: CheckContext) -> CheckResult:
    """Questions and feedback answered within the deadline (REQUIREMENTS D).

    `dialogue.stats.overdue_inquiries(tenant_ids)`: the open inquiries past their
    working-day deadline that the site received or handles.
    """
    function = app_function("dialogue", "stats", "overdue_inquiries")
    if function is None:
        return not_measured(MODULE_MISSING, function="dialogue.stats.overdue_inquiries")
    today = timezone.localdate(context.now)
    overdue = function([context.tenant.pk], today)
    count = overdue.count()
    evidence = [_inquiry_evidence(inquiry, today) for inquiry in overdue[:50]]
    status = grade(
        count,
        context.threshold("threshold_pass", 0),
        context.threshold("threshold_partial", 3),
        higher_is_better=False,
    )
    if not count:
        summary = "Không có câu hỏi quá hạn"
    else:
        worst = max(evidence, key=lambda e: e["days_late"])
        summary = (
            f"{count} câu hỏi quá hạn; quá hạn lâu nhất {worst['days_late']} ngày làm việc: "
            f"{worst['code']}"
        )
    fix_url = evidence[0]["admin_url"] if evidence else ""
    return CheckResult(status, summary, evidence, count, fix_url)


@check("english_stale")
def english_stale(context: CheckContext) -> CheckResult:
    """English copies are not older than their Vietnamese source (REQUIREMENTS C)."""
    function = app_function("content", "stats", "stale_translations")
    if function is None:
        return not_measured(MODULE_MISSING, function="content.stats.stale_translations")
    stale = list(function(context.tenant))
    status = grade(
        len(stale),
        context.threshold("threshold_pass", 0),
        context.threshold("threshold_partial", 3),
        higher_is_better=False,
    )
    summary = "Bản tiếng Anh cập nhật" if not stale else f"{len(stale)} bản tiếng Anh đã cũ"
    return CheckResult(
        status, summary, stale[:50], len(stale), stale[0].get("admin_url", "") if stale else ""
    )


@check("disclosure_list")
def disclosure_list(context: CheckContext) -> CheckResult:
    """The public list of information that must be disclosed exists (REQUIREMENTS B17).

    Generated by this app; the check counts the items whose place is not yet published.
    """
    from ..disclosure_list import disclosure_items

    items = disclosure_items(context.tenant)
    unavailable = [item for item in items if not item.url]
    share = (len(items) - len(unavailable)) / len(items) * 100 if items else 0
    status = grade(
        share,
        context.threshold("threshold_pass", 100),
        context.threshold("threshold_partial", 50),
        higher_is_better=True,
    )
    evidence = [{"code": i.code, "title": i.title, "missing": True} for i in unavailable]
    return CheckResult(
        status,
        f"{len(items) - len(unavailable)}/{len(items)} mục có nơi đăng tải",
        evidence,
        round(share, 1),
    )


@check("downtime_announced", params=[PERIOD_DAYS])
def downtime_announced(context: CheckContext) -> CheckResult:
    """Planned downtime announced at least 7 working days ahead, or marked an emergency
    with its reason (Decree 224/2026 Art. 13).

    `operations.stats.downtime_announcements(tenant, since)`: each notice covering the
    site that starts within the period, with `in_time`.
    """
    days = context.param("period_days")
    function = app_function("operations", "stats", "downtime_announcements")
    if function is None:
        return not_measured(MODULE_MISSING, function="operations.stats.downtime_announcements")
    since = timezone.localdate(context.now) - timedelta(days=days)
    notices = list(function(context.tenant, since))
    if not notices:
        return CheckResult(CheckStatus.NOT_APPLICABLE, "Không có đợt tạm ngừng hoạt động nào")
    late = [n for n in notices if not n["in_time"]]
    share = (len(notices) - len(late)) / len(notices) * 100
    status = grade(
        share,
        context.threshold("threshold_pass", 100),
        context.threshold("threshold_partial", 50),
        higher_is_better=True,
    )
    summary = f"{len(notices) - len(late)}/{len(notices)} đợt tạm ngừng được thông báo đúng hạn"
    if late:
        first = late[0]
        summary += (
            f"; trễ: đợt từ {first['starts_at']} chỉ báo trước "
            f"{first['working_days_ahead']} ngày làm việc (công bố {first['published_at']})"
        )
    fix_url = late[0]["admin_url"] if late else ""
    return CheckResult(status, summary[:500], notices[:50], round(share, 1), fix_url)
