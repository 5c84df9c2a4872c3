from django.urls import path

from . import views

app_name = "dialogue"
urlpatterns = [
    path("hoi-dap/", views.archive, name="archive"),
    path("hoi-dap/gui-cau-hoi/", views.ask, name="ask"),
    path("hoi-dap/da-gui/", views.sent, name="sent"),
    path("hoi-dap/tra-cuu/", views.track, name="track"),
    path("hoi-dap/<int:pk>/", views.qa_detail, name="detail"),
    path("doi-thoai/", views.session_list, name="sessions"),
    path("doi-thoai/<slug:slug>/", views.session_detail, name="session"),
    path("doi-thoai/<slug:slug>/cap-nhat.json", views.session_updates, name="session_updates"),
    path("duong-day-nong/", views.hotlines, name="hotlines"),
]
