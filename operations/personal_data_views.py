"""The admin screen for a citizen's data request: find by e-mail or tracking code, see
what is held on the sites one may handle, download it (ZIP) or erase it (anonymise)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.client_address import client_address

from . import personal_data

KIND_LABELS = {
    "questions": "Câu hỏi, kiến nghị",
    "comments": "Góp ý dự thảo",
    "session_questions": "Câu hỏi đối thoại trực tuyến",
    "ratings": "Ghi chú đánh giá trang",
    "survey_answers": "Ý kiến khảo sát",
    "citizen_accounts": "Tài khoản công dân",
}


FIELD_LABELS = {
    "site": "Trang",
    "tracking_code": "Mã tra cứu",
    "sent_at": "Thời điểm gửi",
    "at": "Thời điểm",
    "name": "Họ và tên",
    "email": "Thư điện tử",
    "phone": "Số điện thoại",
    "organisation": "Cơ quan, tổ chức",
    "locality": "Địa chỉ",
    "title": "Tiêu đề",
    "content": "Nội dung",
    "body": "Nội dung góp ý",
    "status": "Trạng thái",
    "answer": "Trả lời",
    "attachment": "Tệp đính kèm",
    "consultation": "Dự thảo (mã)",
    "session": "Buổi đối thoại",
    "page": "Trang được đánh giá",
    "note": "Ghi chú",
    "other_requests": "Yêu cầu khác",
    "issuer": "Nhà cung cấp định danh",
    "created_at": "Ngày tạo",
    "last_sign_in_at": "Lần đăng nhập gần nhất",
}


def _rows(found: personal_data.Found) -> list[dict]:
    """Per kind, the records as (label, value) pairs, empty values left out."""
    data = personal_data.as_data(found)["items"]
    return [
        {
            "label": _(KIND_LABELS[key]),
            "records": [
                {
                    "id": record["id"],
                    "fields": [
                        (_(FIELD_LABELS[name]), value)
                        for name, value in record.items()
                        if name != "id" and value
                    ],
                }
                for record in records
            ],
        }
        for key, records in data.items()
    ]


@never_cache
def personal_data_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not personal_data.may_handle_requests(user):
        raise PermissionDenied
    tenant_ids = personal_data.scope(user)
    raw = (request.POST.get("q") if request.method == "POST" else request.GET.get("q")) or ""
    context = {
        **admin.site.each_context(request),
        "title": _("Yêu cầu của công dân về dữ liệu cá nhân"),
        "q": raw.strip()[:200],
        "all_sites": tenant_ids is None,
    }
    if "q" not in request.GET and request.method != "POST":
        return render(request, "admin/operations/personal_data.html", context)
    try:
        query = personal_data.parse_query(raw)
    except personal_data.BadQuery as error:
        context["error"] = str(error)
        return render(request, "admin/operations/personal_data.html", context, status=400)
    found = personal_data.find(query, tenant_ids=tenant_ids)
    if request.method == "POST":
        action = request.POST.get("action")
        address = client_address(request)
        if action == "export":
            archive = personal_data.export_zip(found, actor=user, remote_addr=address)
            response = HttpResponse(archive, content_type="application/zip")
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{stamp}.zip"'
            return response
        if action == "erase":
            if request.POST.get("confirm") != "yes":
                context["confirm_error"] = _("Hãy đánh dấu ô xác nhận trước khi xóa.")
            elif not found.total:
                context["error"] = _("Không có dữ liệu nào để xóa.")
            else:
                done = personal_data.erase(found, actor=user, remote_addr=address)
                messages.success(
                    request,
                    _("Đã ẩn danh hóa %(count)s bản ghi. Câu trả lời đã công khai được giữ lại.")
                    % {"count": sum(done.values())},
                )
                target = reverse("admin:personal_data") + "?" + urlencode({"q": raw.strip()})
                return HttpResponseRedirect(target)
    context["found"] = found
    context["kinds"] = _rows(found)
    context["total"] = found.total
    return render(request, "admin/operations/personal_data.html", context)
