"""English versions of the texts citizens read (Vietnamese is the source)."""

from modeltranslation.translator import TranslationOptions, register, translator

from .models import SECTION_PROXIES, Attachment, Record


@register(Record)
class RecordTranslation(TranslationOptions):
    fields = ("title", "summary")


class SectionProxyTranslation(TranslationOptions):
    """The per-section admin proxies share Record's translated fields."""

    fields = ()


for _proxy in SECTION_PROXIES.values():
    translator.register(_proxy, SectionProxyTranslation)


@register(Attachment)
class AttachmentTranslation(TranslationOptions):
    fields = ("title", "alt_text")
