"""Vietnamese state bodies read in English on /en/ pages: "Hội đồng nhân dân tỉnh Sơn Lâm"
is the "People's Council of Son Lam Province" wherever a body is typed as text."""

import pytest
from django.utils import translation

from tenants.org_names import english_org_name
from tests.documents.factories import ConsultationFactory, DocumentFactory


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        ("Hội đồng nhân dân tỉnh Sơn Lâm", "People's Council of Son Lam Province"),
        ("Ủy ban nhân dân tỉnh Sơn Lâm", "People's Committee of Son Lam Province"),
        ("Uỷ ban nhân dân xã Hòa Bình", "People's Committee of Hoa Binh Commune"),  # old ỷ
        ("UBND phường Bến Thủy", "People's Committee of Ben Thuy Ward"),
        ("Ủy ban nhân dân phường 3", "People's Committee of Ward 3"),
        ("HĐND tỉnh", "Provincial People's Council"),
        ("Hội đồng nhân dân", "People's Council"),
        ("hội đồng nhân dân thành phố đà lạt", "People's Council of Da Lat City"),
        ("Ủy ban nhân dân đặc khu Cồn Cỏ", "People's Committee of Con Co Special Zone"),
        ("Văn phòng HĐND và UBND", "Office of the People's Council and People's Committee"),
        ("Sở Tài chính", "Department of Finance"),
        ("Sở Văn hóa, Thể thao và Du lịch", "Department of Culture, Sports and Tourism"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Sơn Lâm",
         "Vietnam Fatherland Front Committee of Son Lam Province"),
    ],
)  # fmt: skip
def test_known_bodies_have_their_english_form(vietnamese, english):
    assert english_org_name(vietnamese) == english


@pytest.mark.parametrize("name", ["Ban Biên tập", "Ủy ban nhân dân và Nhân dân", ""])
def test_a_name_no_rule_knows_is_left_alone(name):
    assert english_org_name(name) is None


@pytest.mark.django_db
def test_document_and_consultation_pages_name_the_body_in_english(commune, site_client):
    document = DocumentFactory(tenant=commune, issuing_body="Hội đồng nhân dân tỉnh Sơn Lâm")
    consultation = ConsultationFactory(
        tenant=commune, drafting_body="Ủy ban nhân dân xã An Bình", title_en="Draft plan"
    )
    client = site_client(commune)
    with translation.override("vi"):
        document_url, consultation_url = (
            document.get_absolute_url(),
            consultation.get_absolute_url(),
        )
    english = client.get(f"/en{document_url}").content.decode()
    issuer = english.split('itemprop="legislationPassedBy"')[1].split("</dd>")[0]
    assert issuer == ">People&#x27;s Council of Son Lam Province"  # and no lang="vi"
    vietnamese = client.get(document_url).content.decode()
    assert "Hội đồng nhân dân tỉnh Sơn Lâm" in vietnamese
    page = client.get(f"/en{consultation_url}").content.decode()
    assert "People&#x27;s Committee of An Binh Commune" in page


@pytest.mark.django_db
def test_footer_governing_body_without_english_copy_reads_in_english(commune, site_client):
    commune.governing_body_vi = "Ủy ban nhân dân xã An Bình"
    commune.governing_body_en = ""
    commune.save()
    html = site_client(commune).get("/en/").content.decode()
    assert "People&#x27;s Committee of An Binh Commune" in html
