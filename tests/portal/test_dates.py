"""Dates are typed day first (dd/mm/yyyy, dd/mm/yyyy HH:MM) everywhere, in both languages.

Without portal/formats Django reads "01/11/2026" as 11 January (its US default list),
which silently gave an auditor the wrong export period.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from content.models import Article
from documents.models import Document
from portal.dates import DateInput

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


class PeriodForm(forms.Form):
    day = forms.DateField(widget=DateInput)
    moment = forms.DateTimeField()


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("typed", ["01/11/2026", "01-11-2026", "01.11.2026", "2026-11-01"])
def test_first_of_november_is_read_day_first_in_both_languages(language, typed):
    with translation.override(language):
        form = PeriodForm({"day": typed, "moment": "01/11/2026 14:30"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2026, 11, 1)
    assert form.cleaned_data["moment"] == datetime(2026, 11, 1, 14, 30, tzinfo=HANOI)


@pytest.mark.parametrize(
    "language, words", [("vi", "ngày/tháng/năm (dd/mm/yyyy)"), ("en", "(dd/mm/yyyy), e.g. 01/11")]
)
@pytest.mark.parametrize("typed", ["31/02/2026", "11/31/2026", "01/11/26", "1 Nov 2026", "hôm qua"])
def test_impossible_or_ambiguous_dates_get_a_clear_message(language, words, typed):
    with translation.override(language):
        form = PeriodForm({"day": typed, "moment": "01/11/2026 14:30"})
        assert not form.is_valid()
        assert words in form.errors["day"][0]


def test_a_bad_moment_names_the_format():
    with translation.override("vi"):
        form = PeriodForm({"day": "01/11/2026", "moment": "11/31/2026 2pm"})
        assert not form.is_valid()
        assert "dd/mm/yyyy HH:MM" in form.errors["moment"][0]


def test_the_date_box_shows_its_format_and_points_to_it():
    with translation.override("vi"):
        html = str(PeriodForm()["day"])
    assert 'placeholder="dd/mm/yyyy"' in html
    assert 'aria-describedby="id_day_format"' in html
    assert '<span class="format-hint" id="id_day_format">ngày/tháng/năm (dd/mm/yyyy)</span>' in html


def _admin_field(model, name):
    return admin.site._registry[model].formfield_for_dbfield(model._meta.get_field(name), None)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_document_dates_in_the_admin(language):
    with translation.override(language):
        assert _admin_field(Document, "issued_on").clean("01/11/2026") == date(2026, 11, 1)
        with pytest.raises(forms.ValidationError):
            _admin_field(Document, "issued_on").clean("11/31/2026")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_scheduled_publishing_time_in_the_admin(language):
    with translation.override(language):
        field = _admin_field(Article, "publish_at")
        assert field.clean(["01/11/2026", "08:00"]) == datetime(2026, 11, 1, 8, 0, tzinfo=HANOI)


def test_admin_form_writes_back_and_hints_day_first(commune, commune_editor, site_client):
    client = site_client(commune, commune_editor)
    page = client.get(reverse("admin:content_article_add")).content.decode()
    assert 'name="publish_at_0"' in page
    assert 'aria-describedby="id_publish_at_0_format"' in page
    assert "ngày/tháng/năm (dd/mm/yyyy)" in page
    assert "giờ:phút (HH:MM)" in page
    # The admin's JavaScript "Hôm nay" shortcut writes the first input format.
    catalog = client.get(reverse("admin:jsi18n")).content.decode()
    formats = catalog.split('"DATE_INPUT_FORMATS": [', 1)[1]
    assert formats.split(",", 1)[0].strip() == '"%d/%m/%Y"'
