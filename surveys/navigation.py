"""Menu entries of the surveys app."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.hooks import MenuItem


def menu_items(tenant) -> list[MenuItem]:
    return [
        MenuItem(
            label=_("Khảo sát"),
            url=reverse("surveys:survey"),
            order=80,
            children=(
                MenuItem(_("Khảo sát mức độ hài lòng"), reverse("surveys:survey")),
                MenuItem(_("Thăm dò ý kiến"), reverse("surveys:polls")),
            ),
        )
    ]
