"""A full upload disk: a clear message, the typed text kept, nothing left behind."""

import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dialogue.models import Inquiry
from portal.files import SafeFileSystemStorage
from tests.dialogue.factories import solve_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 64 KB file system, as full as a production disk can get."""
    mount = tmp_path / "private"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_attachment_on_a_full_disk_is_refused_and_the_question_kept(
    commune, site_client, tiny_disk, monkeypatch
):
    field = Inquiry._meta.get_field("attachment")
    monkeypatch.setattr(field, "storage", SafeFileSystemStorage(location=str(tiny_disk)))
    client = site_client(commune)
    data = {
        "kind": "question",
        "name": "Lê Văn Hùng",
        "email": "hung@example.com",
        "topic": "land",
        "title": "Hỏi kèm tệp lớn",
        "content": "Nội dung dài công dân đã gõ và không được mất.",
        "consent": "on",
        "website": "",
        **solve_page(client.get("/hoi-dap/gui-cau-hoi/").content.decode()),
    }
    big_pdf = SimpleUploadedFile("ho-so.pdf", b"%PDF-1.4\n" + b"0" * 200_000, "application/pdf")
    response = client.post("/hoi-dap/gui-cau-hoi/", {**data, "attachment": big_pdf})
    assert response.status_code == 507
    page = response.content.decode()
    assert "hết chỗ lưu tệp" in page
    assert "Nội dung dài công dân đã gõ và không được mất." in page
    assert Inquiry.objects.count() == 0
    assert [p for p in Path(tiny_disk).rglob("*") if p.is_file()] == []
