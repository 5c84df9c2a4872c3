"""The catalogue page, its DCAT-AP form and the CSV downloads (in both languages)."""

from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("du-lieu-mo/", views.catalogue, name="catalogue"),
    path("du-lieu-mo/catalog.jsonld", views.catalog_jsonld, name="catalog_jsonld"),
    path("du-lieu-mo/<slug:name>.csv", views.download, name="download"),
]
