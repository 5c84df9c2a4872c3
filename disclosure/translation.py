"""English versions of the texts citizens read (Vietnamese is the source)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Attachment, Record


@register(Record)
class RecordTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Attachment)
class AttachmentTranslation(TranslationOptions):
    fields = ("title", "alt_text")
