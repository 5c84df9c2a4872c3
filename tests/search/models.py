"""A test-only publishable model with the fields a real source has.

Defined on first use (by the session fixture that also creates its table), not at
import: a model in the app registry without a table would break the shared schedule
tests (`run_schedule` walks every Publishable model).
"""

from __future__ import annotations

from django.db import models

_model = None


def bulletin_model():
    global _model
    if _model is None:
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

        _model = Bulletin
    return _model
