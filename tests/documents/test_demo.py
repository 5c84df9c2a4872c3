import io

from django.utils import timezone

from documents import demo
from documents.models import Comment, Consultation, Document, LegalStatus, Relation, SigningState


def test_demo_seed_is_idempotent_and_covers_the_cases(province, commune, department, settings):
    settings.DOCUMENTS_TRUST_DEMO_CA = True
    tenants = {"sonlam": province, "xahoabinh": commune, "sotaichinh": department}
    demo.seed(tenants, io.StringIO())
    counts = Document.objects.count(), Relation.objects.count(), Comment.objects.count()
    demo.seed(tenants, io.StringIO())
    assert (Document.objects.count(), Relation.objects.count(), Comment.objects.count()) == counts
    assert Document.objects.count() == 24 + 10 + 8
    signed = Document.objects.filter(signing_state=SigningState.SIGNED)
    assert signed.count() == 6
    assert any(d.legal_status() == LegalStatus.EXPIRED for d in Document.objects.all())
    assert Relation.objects.filter(kind="amends").exists()
    now = timezone.now()
    open_one = Consultation.objects.get(opens_at__lte=now, closes_at__gt=now)
    assert open_one.comments.count() == 3
    from documents.verification import verify_document

    assert verify_document(signed.first()).ok  # the demo CA is trusted
