"""CKAN's action API at the paths harvesters expect (no language prefix, as in CKAN)."""

from django.urls import path

from . import ckan

urlpatterns = [
    path("api/3/action/<str:action>", ckan.action, name="ckan_action"),
    path("api/action/<str:action>", ckan.action),  # CKAN answers without the version too
]
