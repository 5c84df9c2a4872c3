"""Menu entries of the dialogue app."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.hooks import MenuItem


def menu_items(tenant) -> list[MenuItem]:
    return [
        MenuItem(
            label=_("Hỏi đáp"),
            url=reverse("dialogue:archive"),
            order=70,
            children=(
                MenuItem(_("Gửi câu hỏi, góp ý"), reverse("dialogue:ask")),
                MenuItem(_("Tra cứu mã"), reverse("dialogue:track")),
                MenuItem(_("Đối thoại trực tuyến"), reverse("dialogue:sessions")),
                MenuItem(_("Đường dây nóng"), reverse("dialogue:hotlines")),
            ),
        )
    ]
