"""A test-only publishable model with the fields a real source has (table made by conftest)."""

from django.db import models

from portal.publishing import Publishable


class Bulletin(Publishable):
    title = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    body_en = models.TextField(blank=True)
    number = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=30, default="article")

    class Meta(Publishable.Meta):
        app_label = "portal"

    def __str__(self) -> str:
        return self.title
