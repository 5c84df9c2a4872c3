"""Demo data: inquiries in every state, an upcoming and a finished dialogue session,
hotlines. Idempotent: keyed on titles and slugs."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .models import (
    DialogueSession,
    Hotline,
    Inquiry,
    InquiryKind,
    InquiryStatus,
    SessionQuestion,
    SessionQuestionStatus,
    Topic,
)
from .workflow import deadline_for

INQUIRIES = [
    # (title, kind, topic, status, days ago, content, answer)
    (
        "Thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        InquiryKind.QUESTION,
        Topic.LAND,
        InquiryStatus.PUBLISHED,
        40,
        "Gia đình tôi có thửa đất ở ổn định từ năm 1995, chưa được cấp giấy. "
        "Xin hỏi hồ sơ gồm những gì và nộp ở đâu?",
        "Hồ sơ gồm đơn đăng ký theo Mẫu số 04/ĐK, giấy tờ về quyền sử dụng đất (nếu có) "
        "và sơ đồ thửa đất. Ông/bà nộp tại Bộ phận Một cửa của xã hoặc trực tuyến trên "
        "Cổng dịch vụ công.",
    ),
    (
        "Mức hỗ trợ học phí cho học sinh vùng khó khăn",
        InquiryKind.QUESTION,
        Topic.HEALTH_EDUCATION,
        InquiryStatus.PUBLISHED,
        30,
        "Con tôi học lớp 8 ở xã miền núi. Xin hỏi có được miễn, giảm học phí không?",
        "Học sinh trung học cơ sở ở xã có điều kiện kinh tế - xã hội đặc biệt khó khăn "
        "được miễn học phí theo Nghị định 81/2021/NĐ-CP. Phụ huynh nộp đơn tại trường.",
    ),
    (
        "Đề nghị sửa đường liên thôn bị sạt lở",
        InquiryKind.PETITION,
        Topic.ENVIRONMENT,
        InquiryStatus.ANSWERED,
        20,
        "Đoạn đường từ thôn 2 sang thôn 3 bị sạt lở sau mưa lớn, đề nghị sửa chữa sớm.",
        "UBND xã đã kiểm tra hiện trường và bố trí kinh phí sửa chữa trong tháng tới.",
    ),
    (
        "Phản ánh đèn chiếu sáng công cộng không hoạt động",
        InquiryKind.REPORT,
        Topic.OTHER,
        InquiryStatus.ASSIGNED,
        12,
        "Dãy đèn trên đường Lê Lợi đoạn gần chợ đã tắt hơn hai tuần.",
        "",
    ),
    (
        "Hỏi về thời hạn nộp thuế sử dụng đất phi nông nghiệp",
        InquiryKind.QUESTION,
        Topic.FINANCE,
        InquiryStatus.RECEIVED,
        25,
        "Năm nay hạn nộp thuế sử dụng đất phi nông nghiệp là ngày nào?",
        "",
    ),
    (
        "Góp ý giao diện cổng thông tin trên điện thoại",
        InquiryKind.FEEDBACK,
        Topic.OTHER,
        InquiryStatus.RECEIVED,
        1,
        "Chữ trên điện thoại hơi nhỏ, đề nghị tăng cỡ chữ mặc định.",
        "",
    ),
    (
        "Quảng cáo dịch vụ không liên quan",
        InquiryKind.FEEDBACK,
        Topic.OTHER,
        InquiryStatus.DECLINED,
        8,
        "Nội dung quảng cáo.",
        "",
    ),
]


def _inquiries(tenant, out) -> None:
    today = timezone.localdate()
    now = timezone.now()
    for index, (title, kind, topic, status, days, content, answer) in enumerate(INQUIRIES):
        received = today - timedelta(days=days)
        inquiry, created = Inquiry.objects.get_or_create(
            tenant=tenant,
            title=title,
            defaults={
                "kind": kind,
                "topic": topic,
                "content": content,
                "name": f"Công dân mẫu {index + 1}",
                "email": f"congdan{index + 1}@example.com",
                "phone": "0912 000 00" + str(index),
                "received_on": received,
                "deadline": deadline_for(tenant.pk, received),
                "status": status,
            },
        )
        if not created:
            continue
        if status != InquiryStatus.RECEIVED:
            inquiry.assigned_tenant = tenant
        if answer:
            inquiry.answer = answer
            inquiry.answer_author = tenant.name
            inquiry.answered_at = now - timedelta(days=max(days - 10, 1))
        if status == InquiryStatus.PUBLISHED:
            inquiry.published_at = now - timedelta(days=max(days - 11, 1))
        if status == InquiryStatus.DECLINED:
            inquiry.decline_reason = "Nội dung quảng cáo, không thuộc phạm vi tiếp nhận."
        inquiry.save()


def _sessions(tenant) -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    upcoming, _ = DialogueSession.objects.get_or_create(
        tenant=tenant,
        slug="doi-thoai-chuyen-doi-so-2026",
        defaults={
            "title_vi": "Đối thoại với doanh nghiệp về chuyển đổi số",
            "title_en": "Dialogue with businesses on digital transformation",
            "description_vi": "Lãnh đạo tỉnh trao đổi với doanh nghiệp về dịch vụ công "
            "trực tuyến và hạ tầng số. Người dân, doanh nghiệp gửi câu hỏi trước phiên.",
            "leaders_vi": "Nguyễn Văn Minh, Phó Chủ tịch UBND tỉnh\n"
            "Lê Thị Hạnh, Giám đốc Sở Tài chính",
            "starts_at": now + timedelta(days=7),
            "ends_at": now + timedelta(days=7, hours=2),
        },
    )
    finished, created = DialogueSession.objects.get_or_create(
        tenant=tenant,
        slug="doi-thoai-cai-cach-hanh-chinh-2026",
        defaults={
            "title_vi": "Đối thoại về cải cách thủ tục hành chính",
            "title_en": "Dialogue on administrative procedure reform",
            "description_vi": "Phiên đối thoại trực tuyến giữa lãnh đạo tỉnh với người dân.",
            "leaders_vi": "Nguyễn Văn Minh, Phó Chủ tịch UBND tỉnh",
            "starts_at": now - timedelta(days=14),
            "ends_at": now - timedelta(days=14) + timedelta(hours=2),
        },
    )
    if created:
        answered = now - timedelta(days=14) + timedelta(minutes=30)
        first = SessionQuestion.objects.create(
            session=finished,
            name="Trần Văn Nam",
            locality="Phường Bến Thủy",
            content="Khi nào tất cả thủ tục đất đai được làm trực tuyến toàn trình?",
            status=SessionQuestionStatus.ACCEPTED,
            answer="Trong năm nay tỉnh đưa 80% thủ tục đất đai lên trực tuyến toàn trình; "
            "phần còn lại cần đo đạc tại thực địa.",
            answered_by="Nguyễn Văn Minh, Phó Chủ tịch UBND tỉnh",
            answered_at=answered,
        )
        SessionQuestion.objects.create(
            session=finished,
            name="Lê Thị Hoa",
            locality="Xã Hòa Bình",
            content="Bao giờ làm thủ tục đất đai qua mạng được?",
            status=SessionQuestionStatus.MERGED,
            merged_into=first,
        )
        SessionQuestion.objects.create(
            session=finished,
            name="Phạm Minh",
            content="Thời gian trả kết quả hộ tịch có được rút ngắn không?",
            status=SessionQuestionStatus.ACCEPTED,
            answer="Đăng ký khai sinh nay trả kết quả trong ngày làm việc.",
            answered_by="Nguyễn Văn Minh, Phó Chủ tịch UBND tỉnh",
            answered_at=answered + timedelta(minutes=20),
        )
        SessionQuestion.objects.create(
            session=finished,
            name="Ẩn danh",
            content="Nội dung không phù hợp.",
            status=SessionQuestionStatus.DECLINED,
        )
    if not upcoming.questions.exists():
        SessionQuestion.objects.create(
            session=upcoming,
            name="Công ty TNHH Mẫu",
            content="Doanh nghiệp nhỏ được hỗ trợ gì khi chuyển sang hóa đơn điện tử?",
            status=SessionQuestionStatus.ACCEPTED,
        )


def _hotlines(tenant) -> None:
    if Hotline.objects.filter(tenant=tenant).exists():
        return
    Hotline.objects.create(
        tenant=tenant,
        purpose_vi="Đường dây nóng của đơn vị",
        purpose_en="Main hotline",
        number=tenant.hotline or tenant.phone or "1022",
        hours_vi="24/7",
        hours_en="24/7",
        is_main=True,
    )
    Hotline.objects.create(
        tenant=tenant,
        purpose_vi="Phản ánh, kiến nghị về thủ tục hành chính",
        purpose_en="Feedback on administrative procedures",
        number=tenant.phone or "0238 3840 100",
        hours_vi="Giờ hành chính các ngày làm việc",
        hours_en="Office hours on working days",
        order=1,
    )


def seed(tenants: dict, out) -> None:
    for tenant in tenants.values():
        if tenant.is_archived:
            continue
        _hotlines(tenant)
    for slug in ("sonlam", "xahoabinh", "sotaichinh"):
        if slug in tenants:
            _inquiries(tenants[slug], out)
    if "sonlam" in tenants:
        _sessions(tenants["sonlam"])
    out.write("dialogue: inquiries in every state, 2 dialogue sessions, hotlines")
