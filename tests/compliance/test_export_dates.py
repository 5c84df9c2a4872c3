"""The export period is read day first: "01/11/2026" is 1 November, not 11 January."""

import pytest
from django.test import Client
from django.urls import reverse

from compliance.models import ExportJob

pytestmark = pytest.mark.django_db


def test_export_period_typed_day_first_is_the_period_exported(auditor, province):
    client = Client(HTTP_HOST="portal.test")
    client.force_login(auditor)
    url = reverse("admin:compliance_export", args=[province.pk])
    page = client.get(url).content.decode()
    assert "ngày/tháng/năm (dd/mm/yyyy)" in page
    client.post(url, {"kind": "report", "fmt": "csv", "since": "01/11/2026", "until": "02/12/2026"})
    job = ExportJob.objects.get()
    assert job.params["since"] == "2026-11-01T00:00:00+07:00"
    assert job.params["until"] == "2026-12-03T00:00:00+07:00"


def test_export_period_typed_us_style_is_refused_with_the_format(auditor, province):
    client = Client(HTTP_HOST="portal.test")
    client.force_login(auditor)
    url = reverse("admin:compliance_export", args=[province.pk])
    response = client.post(url, {"kind": "report", "fmt": "csv", "since": "11/30/2026"})
    assert response.status_code == 200
    assert "dd/mm/yyyy" in response.content.decode()
    assert not ExportJob.objects.exists()
