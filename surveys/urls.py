from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("khao-sat/", views.survey, name="survey"),
    path("khao-sat/cam-on/", views.thanks, name="thanks"),
    path("danh-gia-trang/", views.rate_page, name="rate_page"),
    path("tham-do/", views.poll_list, name="polls"),
    path("tham-do/<int:pk>/", views.poll_detail, name="poll"),
]
