"""The foundation's own menu entries: home and About."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .hooks import MenuItem


def menu_items(tenant) -> list[MenuItem]:
    return [
        MenuItem(label=_("Trang chủ"), url=reverse("home"), order=0),
        MenuItem(label=_("Giới thiệu"), url=reverse("tenants:about"), order=10),
    ]
