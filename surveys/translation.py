from modeltranslation.translator import TranslationOptions, register

from .models import Poll, PollOption


@register(Poll)
class PollTranslationOptions(TranslationOptions):
    fields = ("question",)


@register(PollOption)
class PollOptionTranslationOptions(TranslationOptions):
    fields = ("text",)
