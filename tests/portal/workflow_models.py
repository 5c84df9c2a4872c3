"""A minimal publishable model, only for testing the shared workflow (table made by conftest)."""

from django.db import models

from portal.publishing import Publishable


class Notice(Publishable):
    title = models.CharField(max_length=200)

    class Meta(Publishable.Meta):
        app_label = "portal"

    def __str__(self) -> str:
        return self.title
