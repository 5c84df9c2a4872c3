from django.urls import path

from . import api, views

app_name = "compliance"
urlpatterns = [
    path("thong-ke-truy-cap/", views.statistics, name="statistics"),
    path("danh-muc-thong-tin-cong-khai/", views.disclosure_list, name="disclosure_list"),
    path("api/compliance/", api.index, name="api_index"),
    path("api/compliance/openapi.json", api.openapi, name="api_openapi"),
    path("api/compliance/sites/<slug:slug>/", api.site_detail, name="api_site"),
    path("api/compliance/subtree/<slug:slug>/", api.subtree, name="api_subtree"),
]
