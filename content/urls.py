from django.urls import path

from . import feeds, views

app_name = "content"
urlpatterns = [
    path("tin-tuc/", views.latest, name="latest"),
    path("tin-tuc/<slug:slug>/", views.article, name="article"),
    path("chuyen-muc/<slug:slug>/", views.category, name="category"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.CategoryFeed(), name="category_rss"),
    path("chuyen-muc/<slug:slug>/atom/", feeds.CategoryAtomFeed(), name="category_atom"),
    path("chuyen-muc/<slug:slug>/feed.json", feeds.CategoryJsonFeed(), name="category_json"),
    path("rss/", feeds.SiteFeed(), name="rss"),
    path("atom/", feeds.SiteAtomFeed(), name="atom"),
    path("feed.json", feeds.SiteJsonFeed(), name="json_feed"),
    path("tin-tu-cac-don-vi/<int:pk>/", views.syndicated, name="syndicated"),
    path("xem-truoc/<str:token>/", views.preview, name="preview"),
    path("so-do-cong/", views.site_map, name="site_map"),
    path("gioi-thieu/co-cau-to-chuc/", views.organisation, name="organisation"),
    path("gioi-thieu/lanh-dao/", views.leaders, name="leaders"),
    path("gioi-thieu/can-bo-dau-moi/", views.contacts, name="contacts"),
    path("gioi-thieu/lich-su/", views.history, name="history"),
    path("dia-phuong/<slug:slug>/", views.locality, name="locality"),
]
