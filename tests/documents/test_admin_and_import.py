"""Staff side: signing from the admin with errors shown, comment moderation, import."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from documents.importing import import_rows
from documents.models import Comment, CommentStatus, Document, SigningState
from tests.documents.factories import CommentFactory, DocumentFactory


@pytest.mark.django_db(transaction=True)
def test_approver_signs_from_the_admin_and_sees_the_result(
    commune, commune_approver, credential, site_client
):
    document = DocumentFactory(tenant=commune, pdf=True)
    client = site_client(commune, commune_approver)
    url = reverse("admin:documents_document_changelist")
    response = client.post(
        url, {"action": "sign_selected", "_selected_action": [document.pk]}, follow=True
    )
    assert "Đã ký số" in response.content.decode()
    document.refresh_from_db()
    assert document.signing_state == SigningState.SIGNED


@pytest.mark.django_db(transaction=True)
def test_signing_error_is_shown_to_staff(
    commune, commune_approver, trusted_ca, make_credential, site_client
):
    make_credential(commune, trusted_ca, given="sai")
    document = DocumentFactory(tenant=commune, pdf=True)
    client = site_client(commune, commune_approver)
    response = client.post(
        reverse("admin:documents_document_changelist"),
        {"action": "sign_selected", "_selected_action": [document.pk]},
        follow=True,
    )
    assert "Mật khẩu chứng thư số không đúng" in response.content.decode()
    change = client.get(reverse("admin:documents_document_change", args=[document.pk]))
    assert "Mật khẩu chứng thư số không đúng" in change.content.decode()


def test_editor_moderates_only_own_sites_comments(
    commune, other_commune, commune_editor, site_client
):
    own = CommentFactory(consultation__tenant=commune)
    other = CommentFactory(consultation__tenant=other_commune)
    client = site_client(commune, commune_editor)
    client.post(
        reverse("admin:documents_comment_changelist"),
        {"action": "approve_selected", "_selected_action": [own.pk, other.pk]},
    )
    assert Comment.objects.get(pk=own.pk).status == CommentStatus.APPROVED
    assert Comment.objects.get(pk=other.pk).status == CommentStatus.PENDING


ROWS = [
    {
        "so_ky_hieu": "15/2024/QĐ-UBND",
        "loai_van_ban": "Quyết định",
        "co_quan_ban_hanh": "UBND xã An Bình",
        "ngay_ban_hanh": "01/03/2024",
        "ngay_hieu_luc": "15/03/2024",
        "trich_yeu": "Ban hành quy chế",
        "linh_vuc": "Tổ chức bộ máy",
    },
    {
        "so_ky_hieu": "16/2024/QĐ-UBND",
        "loai_van_ban": "Quyết định",
        "co_quan_ban_hanh": "UBND xã An Bình",
        "ngay_ban_hanh": "2024-04-01",
        "trich_yeu": "Phê duyệt kế hoạch",
    },
    {"so_ky_hieu": "", "trich_yeu": "thiếu số"},
    {
        "so_ky_hieu": "9/QĐ",
        "loai_van_ban": "Quyết định",
        "co_quan_ban_hanh": "X",
        "ngay_ban_hanh": "31/02/2024",
        "trich_yeu": "ngày sai",
    },
]


def test_import_is_idempotent_with_dry_run_and_report(commune):
    dry = import_rows(ROWS, commune, dry_run=True)
    assert (dry.created, dry.updated, dry.skipped) == (2, 0, 2)
    assert not Document.objects.exists()
    first = import_rows(ROWS, commune)
    assert (first.created, first.updated, first.skipped) == (2, 0, 2)
    assert len(first.errors) == 2
    again = import_rows(ROWS, commune)
    assert (again.created, again.updated, again.skipped) == (0, 0, 4)
    changed = [dict(ROWS[0], so_ky_hieu="15/2024/qd-ubnd", trich_yeu="Ban hành quy chế mới")]
    update = import_rows(changed, commune)
    assert (update.created, update.updated) == (0, 1)
    document = Document.objects.get(number_normalised="15/2024/QD-UBND")
    assert document.summary == "Ban hành quy chế mới" and document.is_public


def test_import_command_reads_json_and_csv(commune, tmp_path, capsys):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(ROWS[:2], ensure_ascii=False))
    call_command("import_documents", str(path), tenant=commune.slug, dry_run=True)
    assert "[dry run] created 2, updated 0, skipped 0" in capsys.readouterr().out
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(
        "so_ky_hieu,loai_van_ban,co_quan_ban_hanh,ngay_ban_hanh,trich_yeu\n"
        "1/2025/CT-UBND,Chỉ thị,UBND xã,05/01/2025,Tăng cường phòng cháy\n",
        encoding="utf-8",
    )
    call_command("import_documents", str(csv_path), tenant=commune.slug)
    assert "created 1" in capsys.readouterr().out
    assert Document.objects.get().doc_type.name == "Chỉ thị"


@pytest.mark.django_db(transaction=True)
def test_sign_button_on_the_change_form_for_approvers_only(
    commune, commune_approver, commune_editor, credential, site_client
):
    document = DocumentFactory(tenant=commune, pdf=True)
    url = reverse("admin:documents_document_change", args=[document.pk])
    editor_page = site_client(commune, commune_editor).get(url).content.decode()
    assert 'name="_sign"' not in editor_page
    approver = site_client(commune, commune_approver)
    page = approver.get(url)
    assert 'name="_sign"' in page.content.decode()
    form = page.context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key in form.fields and not key.endswith("file")
    }
    data.update(
        {
            "issued_on": "2024-03-01",
            "effective_on": "2024-03-15",
            "_sign": "1",
            "relations_out-TOTAL_FORMS": "0",
            "relations_out-INITIAL_FORMS": "0",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        }
    )
    response = approver.post(url, data, follow=True)
    assert "Đã ký số" in response.content.decode(), response.content.decode()[:3000]
    document.refresh_from_db()
    assert document.signing_state == SigningState.SIGNED
