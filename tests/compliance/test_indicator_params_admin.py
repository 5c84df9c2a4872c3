"""A member of the editorial board edits an indicator's parameters as typed fields (labels,
help, limits) built from its check's declarations, never as raw JSON; what is stored and
not shown is kept on every save."""

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from compliance.catalogue import catalogue_for
from compliance.checks.params import Kind, Param
from compliance.forms import merge_params
from compliance.models import Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(superuser):
    client = Client(HTTP_HOST="portal.test")
    client.force_login(superuser)
    return client


def province_indicator(province, code, **changes) -> Indicator:
    catalogue_for(province)
    indicator = Indicator.objects.get(tenant=province, code=code)
    for name, value in changes.items():
        setattr(indicator, name, value)
    indicator.save()
    return indicator


def change_url(indicator) -> str:
    return reverse("admin:compliance_indicator_change", args=[indicator.pk])


def as_submitted(response) -> dict:
    """The change form posted back as the browser would send it, untouched."""
    form = response.context["adminform"].form
    data = {"_continue": "1"}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = "" if value is None else str(value)
    return data


def test_parameters_are_typed_fields_with_labels_help_and_limits(client, province):
    indicator = province_indicator(province, "B-LINKS")
    page = client.get(change_url(indicator))
    html = page.content.decode()
    assert 'name="params"' not in html
    assert "Số trang duyệt tối đa" in html
    assert "Thời gian duyệt tối đa (giây)" in html
    form = page.context["adminform"].form
    assert isinstance(form.fields["param_max_pages"], forms.IntegerField)
    assert form.fields["param_max_pages"].max_value == 1000
    assert form["param_max_pages"].value() == 40
    assert "Để trống: 5." in str(form.fields["param_timeout"].help_text)


def test_saving_writes_the_json_and_keeps_keys_the_check_does_not_read(client, province):
    indicator = province_indicator(
        province, "B-LINKS", params={"max_pages": 40, "time_limit": 30, "ghi_chu": "giữ lại"}
    )
    data = as_submitted(client.get(change_url(indicator)))
    assert client.post(change_url(indicator), data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.params == {"max_pages": 40, "time_limit": 30, "ghi_chu": "giữ lại"}

    data["param_max_pages"] = "10"
    data["param_start"] = "/tin-tuc/"
    assert client.post(change_url(indicator), data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.params == {
        "ghi_chu": "giữ lại",
        "start": "/tin-tuc/",
        "max_pages": 10,
        "time_limit": 30,
    }
    html = client.get(change_url(indicator)).content.decode()
    assert "Tham số khác đã lưu" in html and "giữ lại" in html


def test_lists_are_lines_and_checkboxes(client, province):
    search = province_indicator(province, "B-SEARCH")
    data = as_submitted(client.get(change_url(search)))
    assert data["param_queries"] == "thủ tục\nthu tuc"
    data["param_queries"] = "khai sinh\n\n  khai sinh không dấu  \n"
    assert client.post(change_url(search), data).status_code == 302
    search.refresh_from_db()
    assert search.params == {"queries": ["khai sinh", "khai sinh không dấu"]}

    footer = province_indicator(province, "A-FOOTER")
    data = as_submitted(client.get(change_url(footer)))
    data["param_fields"] = ["address", "phone"]
    assert client.post(change_url(footer), data).status_code == 302
    footer.refresh_from_db()
    assert footer.params == {"fields": ["address", "phone"]}


@pytest.mark.parametrize(
    ("code", "field", "typed", "message"),
    [
        ("B-LINKS", "param_max_pages", "nhiều", "Cần một số nguyên."),
        ("B-LINKS", "param_max_pages", "0", "Nhỏ nhất là 1."),
        ("B-LINKS", "param_time_limit", "1e999", "Cần một số."),
        ("B-ABOUT-PAGE", "param_path", "gioi-thieu", "Đường dẫn phải bắt đầu bằng “/”"),
        ("A-FOOTER", "param_fields", ["fax"], "fax"),
    ],
)
def test_invalid_input_is_a_vietnamese_message_on_the_field(
    client, province, code, field, typed, message
):
    indicator = province_indicator(province, code)
    before = indicator.params
    data = as_submitted(client.get(change_url(indicator)))
    data[field] = typed
    response = client.post(change_url(indicator), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    indicator.refresh_from_db()
    assert indicator.params == before


def test_a_required_parameter_cannot_be_left_blank(client, province):
    indicator = province_indicator(province, "A-B8")
    data = as_submitted(client.get(change_url(indicator)))
    data["param_section"] = ""
    response = client.post(change_url(indicator), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["param_section"]


def test_changing_the_check_shows_its_fields_after_saving(client, province):
    indicator = province_indicator(province, "B-ABOUT-PAGE")
    assert indicator.params == {"path": "/gioi-thieu/"}
    data = as_submitted(client.get(change_url(indicator)))
    data["check_key"] = "sitemap_xml"
    data["param_path"] = "không phải đường dẫn"  # a field of the former check: ignored
    assert client.post(change_url(indicator), data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.check_key == "sitemap_xml"
    assert indicator.params == {"path": "/gioi-thieu/"}
    page = client.get(change_url(indicator))
    form = page.context["adminform"].form
    assert set(name for name in form.fields if name.startswith("param_")) == {
        "param_max_pages",
        "param_timeout",
    }
    html = page.content.decode()
    assert "Số trang sitemap con tối đa được tải" in html
    assert "/gioi-thieu/" in html  # kept, shown among the other stored parameters


def test_the_add_form_explains_where_the_parameters_come_from(client, province):
    html = client.get(reverse("admin:compliance_indicator_add")).content.decode()
    assert "Chọn hàm kiểm tra rồi bấm “Lưu và tiếp tục chỉnh sửa” để nhập tham số." in html
    assert 'name="params"' not in html


def test_merge_leaves_defaults_to_the_check_unless_they_were_stored():
    declared = (
        Param("days", Kind.INT, "Số ngày", default=30),
        Param("path", Kind.PATH, "Trang", default="/"),
    )
    assert merge_params({}, declared, {"days": 30, "path": ""}) == {}
    assert merge_params({"days": 30}, declared, {"days": 30}) == {"days": 30}
    assert merge_params({"days": 30, "x": [1]}, declared, {"days": None}) == {"x": [1]}


def test_labels_and_messages_read_in_english_on_the_english_admin():
    from django.utils import translation

    from compliance.checks import declared_params
    from compliance.forms import param_form_field

    (max_pages,) = [p for p in declared_params("broken_links") if p.name == "max_pages"]
    with translation.override("en"):
        field = param_form_field(max_pages)
        assert str(field.label) == "Most pages crawled"
        assert "The smallest value is 1." in field.error_messages["min_value"] % {"limit_value": 1}
