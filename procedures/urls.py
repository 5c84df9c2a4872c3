from django.urls import path

from . import views

app_name = "procedures"
urlpatterns = [
    path("thu-tuc-hanh-chinh/", views.catalogue, name="catalogue"),
    path("thu-tuc-hanh-chinh/<str:code>/", views.detail, name="detail"),
    path("thu-tuc-hanh-chinh/<str:code>/ban-in/", views.printable, name="print"),
]
