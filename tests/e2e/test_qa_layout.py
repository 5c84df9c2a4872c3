"""QA regressions found walking the sites on a 390px phone."""

import pytest

from tenants.models import TenantKind
from tests.tenants.factories import TenantFactory

pytestmark = pytest.mark.e2e


def test_search_filters_fit_a_phone_with_long_unit_names(page, e2e_sites, site_url):
    # A fieldset is as wide as its widest <select> unless told otherwise: long
    # English unit names pushed the province's search page past 390px.
    TenantFactory(
        parent=e2e_sites["province"],
        kind=TenantKind.DEPARTMENT,
        slug="sonnmt",
        name_vi="Sở Nông nghiệp và Môi trường",
        name_en="Department of Agriculture and Environment of the Province",
        hostname="sonnmt.localhost",
    )
    page.goto(site_url(e2e_sites["province"], "/en/tim-kiem/?q=tax"))
    assert page.locator("#search-unit").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
