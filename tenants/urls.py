from django.urls import path

from . import views

app_name = "tenants"
urlpatterns = [
    path("gioi-thieu/", views.about, name="about"),
]
