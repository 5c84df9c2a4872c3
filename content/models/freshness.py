"""The freshness flag lives in portal/freshness.py (documents, procedures and disclosure
use it too); kept here for the content models' imports."""

from portal.freshness import TranslationFreshness

__all__ = ["TranslationFreshness"]
