import pytest
from django.utils import translation

from documents.demo_pki import DemoCA
from documents.models import SigningCredential

PASSPHRASE = "mat-khau-ky-so"


@pytest.fixture(autouse=True)
def _vietnamese():
    """Messages are asserted in Vietnamese; an /en/ request elsewhere must not leak."""
    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def _documents_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.DOCUMENTS_SIGNING_DIR = tmp_path / "signing"
    settings.DOCUMENTS_TRUST_DEMO_CA = False


@pytest.fixture(scope="session")
def demo_ca():
    return DemoCA.create("CA Thử Nghiệm")


@pytest.fixture
def trusted_ca(demo_ca, settings, tmp_path):
    """The test CA configured as the only trust root."""
    path = tmp_path / "ca.pem"
    path.write_bytes(demo_ca.pem)
    settings.DOCUMENTS_TRUST_ROOTS = [str(path)]
    return demo_ca


@pytest.fixture
def make_credential(tmp_path, monkeypatch):
    def make(tenant, ca, *, passphrase=PASSPHRASE, given=PASSPHRASE, expired=False):
        p12 = tmp_path / f"{tenant.slug}-{ca.cert.serial_number}.p12"
        p12.write_bytes(ca.issue_pkcs12(f"UBND {tenant.name_vi}", passphrase, expired=expired))
        env = f"SIGN_PASS_{tenant.pk}"
        monkeypatch.setenv(env, given)
        SigningCredential.objects.filter(tenant=tenant).delete()
        return SigningCredential.objects.create(
            tenant=tenant, label="Chứng thư thử", pkcs12_path=str(p12), passphrase_env=env
        )

    return make


@pytest.fixture
def credential(commune, trusted_ca, make_credential):
    return make_credential(commune, trusted_ca)
