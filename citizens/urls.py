from django.urls import path

from . import views

app_name = "citizens"
urlpatterns = [
    path("tai-khoan/", views.account, name="account"),
    path("tai-khoan/dang-nhap/", views.sign_in, name="sign_in"),
    path("tai-khoan/dang-xuat/", views.sign_out, name="sign_out"),
    path("tai-khoan/xoa-tai-khoan/", views.delete_account, name="delete"),
]
