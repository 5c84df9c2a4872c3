"""One "Công khai thông tin" menu with a child per section (no query: the paths are fixed)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.hooks import MenuItem

from .models import SECTION_PATHS, Section


def menu_items(tenant) -> list[MenuItem]:
    children = tuple(
        MenuItem(label=str(Section(key).label), url=reverse("disclosure:list", args=[path]))
        for key, path in SECTION_PATHS.items()
    )
    return [
        MenuItem(
            label=_("Công khai thông tin"),
            url=reverse("disclosure:index"),
            order=60,
            children=children,
        )
    ]
