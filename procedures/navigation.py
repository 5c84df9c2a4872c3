"""The catalogue in every site's main menu (one click from every page)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.hooks import MenuItem


def menu_items(tenant) -> list[MenuItem]:
    return [MenuItem(label=_("Thủ tục hành chính"), url=reverse("procedures:catalogue"), order=40)]
