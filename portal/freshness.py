"""Flag an English copy that is older than its Vietnamese source (org units, leaders,
contacts, articles, about pages, documents, procedures, disclosure records)."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationFreshness(models.Model):
    """Subclasses list their translated fields in `FRESHNESS_FIELDS`.

    When the English text changes, the hash of the Vietnamese text at that moment is
    kept; if the Vietnamese changes later, the hashes differ and the English copy is
    shown as possibly out of date.
    """

    FRESHNESS_FIELDS: tuple[str, ...] = ()
    en_source_hash = models.CharField(
        _("mã bản gốc của bản tiếng Anh"), max_length=64, blank=True, editable=False
    )
    vi_updated_at = models.DateTimeField(_("cập nhật tiếng Việt"), null=True, editable=False)
    en_updated_at = models.DateTimeField(_("cập nhật tiếng Anh"), null=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        from django.utils import timezone

        previous = None
        if self.pk:
            previous = type(self)._default_manager.filter(pk=self.pk).first()
        now = timezone.now()
        en_changed = previous is None or previous._texts("en") != self._texts("en")
        vi_changed = previous is None or previous._texts("vi") != self._texts("vi")
        if en_changed and self.has_english():
            self.en_source_hash = _digest(self._texts("vi"))
            self.en_updated_at = now
        if vi_changed:
            self.vi_updated_at = now
        super().save(*args, **kwargs)

    def _texts(self, code: str) -> str:
        return "\x1f".join(
            str(getattr(self, f"{f}_{code}", "") or "") for f in self.FRESHNESS_FIELDS
        )

    def mark_english_current(self, now) -> None:
        """For bulk writes, which skip save(): English that came with the Vietnamese (a
        sync from the source system) is current."""
        self.vi_updated_at = now
        if self.has_english():
            self.en_source_hash = _digest(self._texts("vi"))
            self.en_updated_at = now

    def has_english(self) -> bool:
        return bool(self._texts("en").replace("\x1f", "").strip())

    @property
    def english_is_stale(self) -> bool:
        if not self.has_english():
            return False
        return self.en_source_hash != _digest(self._texts("vi"))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def mark_existing_english_current(model, fields: tuple[str, ...]) -> None:
    """For a migration adding the flag: English copies that exist are taken as current
    (otherwise every one of them would show as out of date on the day of the upgrade)."""
    names = [f"{f}_{code}" for f in fields for code in ("vi", "en")]
    for row in model._base_manager.only("pk", *names).iterator():
        english = "\x1f".join(str(getattr(row, f"{f}_en") or "") for f in fields)
        if english.replace("\x1f", "").strip():
            vietnamese = "\x1f".join(str(getattr(row, f"{f}_vi") or "") for f in fields)
            model._base_manager.filter(pk=row.pk).update(en_source_hash=_digest(vietnamese))
