from django.urls import path

from . import views

# No namespace: base.html's search box posts to {% url 'search' %} on every site.
urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
]
