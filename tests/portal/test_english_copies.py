"""The "English copy is older" flag on every translated kind of content, and English
that the /en/ pages show instead of Vietnamese (licence line, admin labels)."""

import pytest
from django.utils import translation

from content.models import Article, HistoryEntry, LocalityPage
from disclosure.models import Record
from documents.models import Document
from procedures.models import Procedure
from tests.content.factories import ArticleFactory, CategoryFactory
from tests.disclosure.factories import RecordFactory
from tests.documents.factories import DocumentFactory
from tests.procedures.factories import SyncSourceFactory, import_records, record

pytestmark = pytest.mark.django_db
STALE_NOTE = "This English text may not be up to date with the latest Vietnamese version."


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _article(tenant):
    category = CategoryFactory(tenant=tenant, slug="tin-tuc")
    return ArticleFactory(
        tenant=tenant, category=category, title_en="Budget hearing", summary_en="Summary"
    )


def _history(tenant):
    return HistoryEntry.objects.create(
        tenant=tenant, period_vi="1945", period_en="1945", title_vi="Thành lập", title_en="Founded"
    )


def _locality(tenant):
    return LocalityPage.objects.create(
        tenant=tenant, kind="nature", title_vi="Tự nhiên", title_en="Nature", body_vi="Đồi"
    )


MAKERS = {
    "article": (_article, "title_vi"),
    "history": (_history, "title_vi"),
    "locality": (_locality, "body_vi"),
    "document": (lambda t: DocumentFactory(tenant=t), "summary_vi"),
    "record": (lambda t: RecordFactory(tenant=t, summary_en="Summary"), "summary_vi"),
}


@pytest.mark.parametrize("kind", list(MAKERS))
def test_changing_the_vietnamese_flags_the_english_copy(commune, kind):
    make, vietnamese_field = MAKERS[kind]
    obj = make(commune)
    assert obj.has_english() and not obj.english_is_stale
    setattr(obj, vietnamese_field, getattr(obj, vietnamese_field) + " (sửa đổi)")
    obj.save()
    obj = type(obj).objects.get(pk=obj.pk)
    assert obj.english_is_stale
    obj.title_en = (obj.title_en or "") + " (revised)"
    obj.save()
    assert not type(obj).objects.get(pk=obj.pk).english_is_stale


def test_a_synced_procedure_is_current_until_an_editor_changes_the_vietnamese(commune):
    import_records(SyncSourceFactory(tenant=commune), record(tenants=[commune.slug]))
    procedure = Procedure.objects.get()
    assert procedure.name_en == "Birth registration" and not procedure.english_is_stale
    procedure.name_vi = "Đăng ký khai sinh (sửa)"
    procedure.save()
    assert Procedure.objects.get().english_is_stale


@pytest.mark.parametrize("kind", ["article", "document", "record"])
def test_the_english_page_says_when_its_copy_is_older(commune, site_client, kind):
    obj = MAKERS[kind][0](commune)
    url = obj.get_absolute_url()
    english = site_client(commune).get("/en" + url)
    assert english.status_code == 200 and STALE_NOTE not in english.content.decode()
    field = MAKERS[kind][1]
    obj = type(obj).objects.get(pk=obj.pk)
    setattr(obj, field, getattr(obj, field) + " (sửa đổi)")
    obj.save()
    translation.activate("vi")
    assert STALE_NOTE in site_client(commune).get("/en" + url).content.decode()
    assert STALE_NOTE not in site_client(commune).get(url).content.decode()


def test_the_licence_line_is_translated(commune, site_client):
    commune.license_text_vi = "Giấy phép số 5/GP-TTĐT"
    commune.license_text_en = "Licence no. 5/GP-TTĐT"
    commune.save()
    assert "Licence no. 5/GP-TTĐT" in site_client(commune).get("/en/").content.decode()
    assert "Giấy phép số 5/GP-TTĐT" in site_client(commune).get("/").content.decode()


@pytest.mark.parametrize(
    "model,field",
    [(Article, "created_at"), (Document, "updated_at"), (Record, "submitted_at"),
     (Procedure, "sort_name"), (Article, "en_source_hash")],
)  # fmt: skip
def test_admin_labels_are_vietnamese_with_an_english_translation(model, field):
    with translation.override("vi"):
        label = str(model._meta.get_field(field).verbose_name)
    with translation.override("en"):
        english = str(model._meta.get_field(field).verbose_name)
    assert label != field.replace("_", " ")  # not Django's default "created at"
    assert english != label  # locale/en translates it
