from django.urls import path, re_path

from . import feeds, views
from .models import SECTION_PATHS

app_name = "disclosure"

# Only the eight section paths match: other apps' URLs are never swallowed.
_SECTION = "(?P<section>" + "|".join(SECTION_PATHS.values()) + ")"

urlpatterns = [
    path("cong-khai-thong-tin/", views.index, name="index"),
    re_path(rf"^{_SECTION}/$", views.section_list, name="list"),
    re_path(rf"^{_SECTION}/rss/$", feeds.SectionFeed(), name="feed"),
    re_path(rf"^{_SECTION}/atom/$", feeds.SectionAtomFeed(), name="atom"),
    re_path(rf"^{_SECTION}/feed\.json$", feeds.SectionJsonFeed(), name="json_feed"),
    re_path(rf"^{_SECTION}/(?P<pk>\d{{1,10}})-(?P<slug>[-\w]*)/$", views.detail, name="detail"),
    re_path(
        rf"^{_SECTION}/(?P<pk>\d{{1,10}})-(?P<slug>[-\w]*)/du-lieu\.(?P<fmt>csv|xlsx)$",
        views.export,
        name="export",
    ),
]
