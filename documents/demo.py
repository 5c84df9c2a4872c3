"""Demo documents (~60 across sites), a demo CA with signing credentials, a few signed
documents, an expired one, an amendment, and an open consultation with comments.
Idempotent: documents are keyed by (tenant, issuer, number)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.publishing import PublicationStatus

from .demo_pki import DemoCA
from .models import (
    Comment,
    CommentStatus,
    Consultation,
    Document,
    DocumentField,
    DocumentKind,
    DocumentType,
    Relation,
    RelationKind,
    SigningCredential,
    SigningState,
)
from .numbers import normalise_number
from .pdfgen import simple_pdf
from .verification import demo_ca_path

DEMO_PASSPHRASE = "demo-ky-so-2026"

TYPES = [
    ("Quyết định", "Decision", "QĐ"),
    ("Nghị quyết", "Resolution", "NQ"),
    ("Chỉ thị", "Directive", "CT"),
    ("Kế hoạch", "Plan", "KH"),
    ("Công văn", "Official letter", ""),
    ("Thông báo", "Notice", "TB"),
    ("Báo cáo", "Report", "BC"),
]
FIELDS = [
    ("Tài chính, ngân sách", "Finance and budget"),
    ("Đất đai, môi trường", "Land and environment"),
    ("Giáo dục", "Education"),
    ("Y tế", "Health"),
    ("Tổ chức bộ máy", "Organisation"),
    ("Chuyển đổi số", "Digital transformation"),
]
SUBJECTS = [
    ("Ban hành quy định quản lý sử dụng đất nông nghiệp", "land use on farmland", 1),
    ("Phê duyệt dự toán ngân sách năm", "approving the annual budget estimate", 0),
    ("Kế hoạch chuyển đổi số và phát triển chính quyền số", "digital government plan", 5),
    ("Tăng cường phòng, chống dịch bệnh mùa mưa", "preventing rainy-season epidemics", 3),
    ("Quy định mức thu học phí tại các cơ sở giáo dục công lập", "public school tuition", 2),
    ("Kiện toàn tổ chức bộ máy sau sắp xếp đơn vị hành chính", "reorganising units", 4),
    ("Triển khai thu thuế điện tử đối với hộ kinh doanh", "electronic tax collection", 0),
    ("Bảo vệ môi trường làng nghề và xử lý rác thải", "protecting the environment", 1),
]
# (tenant slug, issuer, code suffix, how many)
PLAN = [
    ("sonlam", "Ủy ban nhân dân tỉnh Sơn Lâm", "UBND", 20),
    ("sonlam", "Hội đồng nhân dân tỉnh Sơn Lâm", "HĐND", 4),
    ("sotaichinh", "Sở Tài chính", "STC", 8),
    ("soyte", "Sở Y tế", "SYT", 5),
    ("sogiaoducdaotao", "Sở Giáo dục và Đào tạo", "SGDĐT", 5),
    ("xahoabinh", "Ủy ban nhân dân xã Hòa Bình", "UBND", 10),
    ("xatanlap", "Ủy ban nhân dân xã Tân Lập", "UBND", 5),
    ("phuongbenthuy", "Ủy ban nhân dân phường Bến Thủy", "UBND", 3),
]


def _signing_dir() -> Path:
    return demo_ca_path().parent


def ensure_demo_ca() -> DemoCA:
    """The demo CA under var/signing (outside media): created once, reused after."""
    cert_path, key_path = demo_ca_path(), _signing_dir() / "demo-ca.key"
    if cert_path.is_file() and key_path.is_file():
        return DemoCA.load(cert_path, key_path)
    ca = DemoCA.create()
    ca.save(cert_path, key_path)
    return ca


def ensure_credential(ca: DemoCA, tenant) -> SigningCredential:
    directory = _signing_dir()
    p12_path = directory / f"{tenant.slug}.p12"
    pass_path = directory / f"{tenant.slug}.pass"
    if not p12_path.is_file():
        p12_path.write_bytes(
            ca.issue_pkcs12(str(tenant.name), DEMO_PASSPHRASE, organisation=str(tenant.name))
        )
        p12_path.chmod(0o600)
        pass_path.write_text(DEMO_PASSPHRASE)
        pass_path.chmod(0o600)
    credential, _created = SigningCredential.objects.update_or_create(
        tenant=tenant,
        is_active=True,
        defaults={
            "label": f"Chứng thư demo — {tenant.name}",
            "pkcs12_path": str(p12_path),
            "passphrase_file": str(pass_path),
        },
    )
    return credential


def _document(tenant, issuer, code, index, types, fields, today) -> tuple[Document, bool]:
    type_name, _en, type_code = types[index % len(types)]
    subject_vi, subject_en, field_index = SUBJECTS[index % len(SUBJECTS)]
    issued = today - timedelta(days=9 * index + 3)
    number = f"{index + 1}/{issued.year}/{type_code + '-' if type_code else ''}{code}"
    if not type_code:
        number = f"{100 + index}/{code}-VP"
    defaults = {
        "kind": DocumentKind.NORMATIVE if type_code in ("QĐ", "NQ") else DocumentKind.DIRECTIVE,
        "doc_type": DocumentType.objects.get(name_vi=type_name),
        "number": number,
        "field": fields[field_index],
        "summary_vi": f"{type_name} về việc {subject_vi.lower()} trên địa bàn",
        "summary_en": f"{_en} on {subject_en}" if index % 2 == 0 else "",
        "signer_name": "Nguyễn Văn An" if index % 2 else "Trần Thị Bình",
        "signer_title": "Chủ tịch" if index % 3 == 0 else "Phó Chủ tịch",
        "issued_on": issued,
        "effective_on": issued + timedelta(days=10),
        "status": PublicationStatus.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=9 * index),
    }
    document = Document.objects.filter(
        tenant=tenant,
        issuing_body=issuer,
        number_normalised=normalise_number(number),
        issued_year=issued.year,
    ).first()
    if document is not None:
        return document, False
    document = Document(tenant=tenant, issuing_body=issuer, **defaults)
    pdf = simple_pdf(
        [issuer.upper(), f"So: {number}", "", defaults["summary_vi"], "", "(Van ban mau)"]
    )
    document.file.save(
        f"{normalise_number(number).replace('/', '-')}.pdf", ContentFile(pdf), save=False
    )
    document.save()
    return document, True


def seed(tenants: dict, out) -> None:
    from . import signing

    types = []
    for order, (name_vi, name_en, code) in enumerate(TYPES):
        doc_type, _c = DocumentType.objects.get_or_create(
            name_vi=name_vi, defaults={"name_en": name_en, "code": code, "order": order}
        )
        types.append((name_vi, name_en, code))
    fields = []
    for order, (name_vi, name_en) in enumerate(FIELDS):
        fields.append(
            DocumentField.objects.get_or_create(
                name_vi=name_vi, defaults={"name_en": name_en, "order": order}
            )[0]
        )
    today = timezone.localdate()
    created = 0
    by_tenant: dict[str, list[Document]] = {}
    for slug, issuer, code, count in PLAN:
        tenant = tenants.get(slug)
        if tenant is None:
            continue
        for index in range(count):
            document, new = _document(tenant, issuer, code, index, types, fields, today)
            created += new
            by_tenant.setdefault(slug, []).append(document)

    # One expired, one amending another (the amendment issued later than its target).
    province_docs = by_tenant.get("sonlam", [])
    if len(province_docs) >= 6:
        expired = province_docs[-1]
        if not expired.expires_on:
            expired.expires_on = today - timedelta(days=30)
            expired.save()
        Relation.objects.get_or_create(
            source=province_docs[0], target=province_docs[5], kind=RelationKind.AMENDS
        )
        partly = province_docs[5]
        if not partly.partly_expired:
            partly.partly_expired = True
            partly.save()
    commune_docs = by_tenant.get("xahoabinh", [])
    if commune_docs and province_docs:
        Relation.objects.get_or_create(
            source=commune_docs[0], target=province_docs[0], kind=RelationKind.GUIDES
        )

    # The demo CA, credentials for the province and Hòa Bình, and a few signed documents.
    ca = ensure_demo_ca()
    signed = 0
    for slug in ("sonlam", "xahoabinh"):
        if slug not in tenants:
            continue
        ensure_credential(ca, tenants[slug])
        for document in by_tenant.get(slug, [])[:3]:
            if document.signing_state == SigningState.SIGNED:
                continue
            try:
                signing.sign_document(document.pk)
                signed += 1
            except signing.SigningError as error:
                out.write(f"  documents: could not sign {document}: {error}\n")

    consultation = _seed_consultation(tenants, by_tenant)
    out.write(
        f"  documents: {created} new documents ({Document.objects.count()} in all), "
        f"{signed} newly signed; consultation “{consultation}”; demo CA at {demo_ca_path()}\n"
    )


def _seed_consultation(tenants: dict, by_tenant: dict) -> Consultation | None:
    tenant = tenants.get("sotaichinh")
    if tenant is None:
        return None
    now = timezone.now()
    consultation, created = Consultation.objects.get_or_create(
        tenant=tenant,
        title_vi="Dự thảo Quyết định quy định mức thu phí sử dụng hạ tầng cửa khẩu",
        defaults={
            "title_en": "Draft decision on border-gate infrastructure fees",
            "summary_vi": "Sở Tài chính lấy ý kiến rộng rãi của tổ chức, cá nhân về dự thảo "
            "quy định mức thu, chế độ thu, nộp phí sử dụng công trình kết cấu hạ tầng.",
            "drafting_body": "Sở Tài chính",
            "opens_at": now - timedelta(days=5),
            "closes_at": now + timedelta(days=25),
            "status": PublicationStatus.PUBLISHED,
            "published_at": now - timedelta(days=5),
        },
    )
    if created:
        consultation.draft_file.save(
            "du-thao-phi-ha-tang.pdf",
            ContentFile(simple_pdf(["DU THAO", consultation.title_vi])),
        )
        for name, org, body, status in [
            (
                "Nguyễn Thị Thu",
                "Hiệp hội Doanh nghiệp tỉnh",
                "Đề nghị giảm mức thu với xe chở nông sản.",
                CommentStatus.APPROVED,
            ),
            (
                "Lê Văn Hải",
                "",
                "Cần quy định rõ thời điểm áp dụng đối với hợp đồng đã ký.",
                CommentStatus.APPROVED,
            ),
            (
                "Phạm Minh",
                "Công ty TNHH Vận tải Sơn Lâm",
                "Đề nghị cho phép nộp phí trực tuyến.",
                CommentStatus.PENDING,
            ),
        ]:
            Comment.objects.create(
                tenant=tenant,
                consultation=consultation,
                name=name,
                organisation=org,
                email="demo@example.vn",
                body=body,
                status=status,
            )
    closed, created = Consultation.objects.get_or_create(
        tenant=tenant,
        title_vi="Dự thảo Nghị quyết quy định phân cấp nguồn thu ngân sách",
        defaults={
            "drafting_body": "Sở Tài chính",
            "opens_at": now - timedelta(days=90),
            "closes_at": now - timedelta(days=60),
            "status": PublicationStatus.PUBLISHED,
            "published_at": now - timedelta(days=90),
            "report_vi": "Đã nhận 12 ý kiến; tiếp thu 9 ý kiến, giải trình 3 ý kiến "
            "(chi tiết trong báo cáo kèm theo).",
            "document": (by_tenant.get("sonlam") or [None])[1],
        },
    )
    return consultation
