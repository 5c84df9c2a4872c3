from django.urls import path

from . import views

app_name = "operations"
urlpatterns = [
    path("thong-bao-bao-tri/", views.downtime_list, name="downtime"),
]
