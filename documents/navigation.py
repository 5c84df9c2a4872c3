"""The documents entries of every site's main menu (no query: URLs only)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.hooks import MenuItem


def menu_items(tenant) -> list[MenuItem]:
    return [
        MenuItem(
            label=_("Văn bản"),
            url=reverse("documents:list"),
            order=30,
            children=(
                MenuItem(label=_("Văn bản của đơn vị"), url=reverse("documents:list")),
                MenuItem(label=_("Văn bản toàn hệ thống"), url=reverse("documents:list_subtree")),
                MenuItem(label=_("Lấy ý kiến dự thảo"), url=reverse("documents:consultations")),
                MenuItem(label=_("Kiểm tra chữ ký số"), url=reverse("documents:verify")),
            ),
        )
    ]
