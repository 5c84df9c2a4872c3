import pytest
from django.core.exceptions import ValidationError

from tenants.domains import suggest_hostname, validate_hostname
from tenants.text import vn_slugify
from tests.tenants.factories import TenantFactory


def test_slugs_fold_vietnamese_diacritics_and_d_with_stroke():
    assert vn_slugify("Quy hoạch sử dụng đất") == "quy-hoach-su-dung-dat"
    assert vn_slugify("ĐĂNG KÝ KINH DOANH!") == "dang-ky-kinh-doanh"


@pytest.mark.parametrize(
    "host",
    [
        "sonlam.gov.vn",
        "xa-hoa-binh.sonlam.gov.vn",
        "localhost",
        "127.0.0.1",
        "[::1]",
        "[2001:db8::1]",
    ],
)
def test_valid_hostnames(host):
    validate_hostname(host)


@pytest.mark.parametrize(
    "host",
    ["", "bad host", "-start.gov.vn", "xã.gov.vn", "a_b.gov.vn", "[::zz]", "x" * 64 + ".gov.vn"],
)
def test_invalid_hostnames_are_refused_with_a_message(host):
    with pytest.raises(ValidationError):
        validate_hostname(host)


@pytest.mark.django_db
def test_suggested_hostnames_follow_decree_224_pattern():
    province = TenantFactory(kind="province", name_vi="Tỉnh Hà Tĩnh", parent=None)
    department = TenantFactory(parent=province, kind="department", name_vi="Sở Tài chính")
    ward = TenantFactory(parent=province, kind="ward", name_vi="Phường Đông Hà")
    assert suggest_hostname(province) == "hatinh.gov.vn"
    assert suggest_hostname(department) == "sotaichinh.hatinh.gov.vn"
    assert suggest_hostname(ward) == "phuongdongha.hatinh.gov.vn"
