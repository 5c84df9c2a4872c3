from modeltranslation.translator import TranslationOptions, register

from .models import DowntimeNotice


@register(DowntimeNotice)
class DowntimeNoticeTranslationOptions(TranslationOptions):
    fields = ("message",)
