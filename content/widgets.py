"""The rich-text editor: django-prose-editor (Tiptap/ProseMirror, bundled in its wheel, no
CDN) started by content/admin/editor.js; without JavaScript the textarea stays.

The package's own widget puts an inline import map in the page, which the admin's
Content-Security-Policy (script-src 'self') refuses; editor.js imports the bundle by its
static path instead, so only files from our own origin run."""

from __future__ import annotations

import json

from django import forms
from django.forms.widgets import Script
from django.urls import reverse
from django.utils.translation import gettext as _


def editor_labels() -> dict[str, str]:
    """The bundle's English labels (menu titles, dialogs) in the admin's language."""
    return {
        "bold": _("Đậm"),
        "italic": _("Nghiêng"),
        "underline": _("Gạch chân"),
        "strike": _("Gạch ngang"),
        "subscript": _("Chỉ số dưới"),
        "superscript": _("Chỉ số trên"),
        "paragraph": _("Đoạn văn"),
        "heading 2": _("Tiêu đề mục"),
        "heading 3": _("Tiêu đề nhỏ"),
        "heading 4": _("Tiêu đề nhỏ hơn"),
        "unordered list": _("Danh sách"),
        "ordered list": _("Danh sách đánh số"),
        "blockquote": _("Trích dẫn"),
        "horizontal rule": _("Đường kẻ ngang"),
        "insert link": _("Chèn liên kết"),
        "remove link": _("Bỏ liên kết"),
        "Insert table": _("Chèn bảng"),
        "Add column": _("Thêm cột"),
        "Delete column": _("Xóa cột"),
        "Add row": _("Thêm hàng"),
        "Delete row": _("Xóa hàng"),
        "Delete table": _("Xóa bảng"),
        "Toggle header cell": _("Ô tiêu đề / ô thường"),
        "Merge cells": _("Gộp ô"),
        "Split cell": _("Tách ô"),
        "undo": _("Hoàn tác"),
        "redo": _("Làm lại"),
        "edit HTML": _("Sửa mã HTML"),
        "Edit HTML": _("Sửa mã HTML"),
        "Edit Link": _("Sửa liên kết"),
        "URL": _("Địa chỉ (https://… hoặc /duong-dan/ của trang này)"),
        "Title": _("Tiêu đề"),
        "Open in new window": _("Mở trong cửa sổ mới"),
        "Insert Table": _("Chèn bảng"),
        "Rows": _("Số hàng"),
        "Columns": _("Số cột"),
        "Include header row": _("Có hàng tiêu đề"),
        "Update": _("Cập nhật"),
        "Cancel": _("Hủy"),
        "Insert": _("Chèn"),
        "Prettify": _("Định dạng lại"),
        "The HTML contents of the editor. Note that the allowed HTML is restricted by the "
        "editor schema.": _("Mã HTML của nội dung. Chỉ các thẻ trình soạn thảo cho phép được giữ."),
        "List properties": _("Thuộc tính danh sách"),
        "List type": _("Kiểu danh sách"),
        "Start at": _("Bắt đầu từ"),
        # Our own parts (content/admin/editor.js)
        "toolbar": _("Định dạng văn bản"),
        "library image": _("Ảnh từ thư viện"),
        "picker title": _("Chọn ảnh từ thư viện ảnh của đơn vị"),
        "picker empty": _(
            "Thư viện ảnh của đơn vị chưa có ảnh. Hãy tải ảnh lên ở mục “Thư viện ảnh” rồi chèn."
        ),
        "picker no site": _("Hãy chọn đơn vị của tin bài trước khi chèn ảnh."),
        "picker failed": _("Không tải được thư viện ảnh. Hãy thử lại."),
        "alt label": _("Văn bản thay thế (alt) — bắt buộc"),
        "alt help": _("Mô tả ngắn nội dung ảnh cho người không nhìn thấy ảnh."),
        "alt required": _("Hãy nhập văn bản thay thế (alt) cho ảnh."),
        "insert image": _("Chèn ảnh"),
        "words": _("Số từ: %(count)s"),
    }


class RichTextWidget(forms.Textarea):
    template_name = "django/forms/widgets/textarea.html"

    def __init__(self, attrs=None):
        super().__init__({"class": "rich-text", "data-rich-text": "1", "rows": 16, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-labels"] = json.dumps(editor_labels(), ensure_ascii=False)
        context["widget"]["attrs"]["data-library-url"] = reverse("admin:content_article_library")
        context["widget"]["attrs"]["data-links-url"] = reverse("admin:content_article_links")
        return context

    class Media:
        css = {
            "all": [
                "django_prose_editor/material-icons.css",
                "django_prose_editor/editor.css",
                "django_prose_editor/overrides.css",
                "content/admin/editor.css",
            ]
        }
        js = [Script("content/admin/editor.js", type="module")]
