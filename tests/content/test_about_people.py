"""Leaders with their photo (a neutral placeholder without one) and an org chart whose
boxes lead to each unit: its own page, or its functions and duties."""

import re

import pytest

from content.models import Leader, OrgUnit
from tests.content.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_leaders_show_their_photo_or_a_placeholder_of_the_same_size(commune, site_client):
    photo = ImageFactory(tenant=commune, alt_vi="Ảnh chân dung ông Nguyễn Văn An")
    Leader.objects.create(tenant=commune, name="Nguyễn Văn An", title_vi="Chủ tịch", photo=photo)
    Leader.objects.create(tenant=commune, name="Trần Thị Bình", title_vi="Phó Chủ tịch", order=1)
    html = site_client(commune).get("/gioi-thieu/lanh-dao/").content.decode()
    photos = re.findall(r'<div class="person-photo">(.*?)</div>', html, re.S)
    assert len(photos) == 2
    assert 'alt="Ảnh chân dung ông Nguyễn Văn An"' in photos[0]
    assert "person-placeholder.svg" in photos[1] and 'alt=""' in photos[1]
    assert 'width="160" height="200"' in photos[1]  # its box is kept: no layout shift


def test_org_chart_boxes_lead_to_the_units_page_or_its_duties(commune, site_client):
    root = OrgUnit.objects.create(tenant=commune, name_vi="Ủy ban nhân dân")
    office = OrgUnit.objects.create(
        tenant=commune, parent=root, name_vi="Văn phòng", mandate_vi="Tham mưu tổng hợp."
    )
    OrgUnit.objects.create(
        tenant=commune, parent=root, name_vi="Sở Tài chính", url="https://stc.sonlam.gov.vn/"
    )
    html = site_client(commune).get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    chart = html.split('class="org-chart"')[1].split("</section>")[0]
    assert f'<a class="org-node" href="#don-vi-{office.pk}">Văn phòng</a>' in chart
    assert '<a class="org-node" href="https://stc.sonlam.gov.vn/">Sở Tài chính</a>' in chart
    duties = html.split(f'id="don-vi-{office.pk}"')[1].split("</article>")[0]
    assert "Văn phòng" in duties and "Tham mưu tổng hợp." in duties
