from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("van-ban/", views.document_list, name="list"),
    path("van-ban/toan-tinh/", views.document_list_subtree, name="list_subtree"),
    path("van-ban/<int:pk>/", views.document_detail, name="detail"),
    path("kiem-tra-chu-ky-so/", views.verify, name="verify"),
    path("lay-y-kien-du-thao/", views.consultation_list, name="consultations"),
    path("lay-y-kien-du-thao/<int:pk>/", views.consultation_detail, name="consultation"),
]
