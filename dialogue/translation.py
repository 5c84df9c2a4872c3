from modeltranslation.translator import TranslationOptions, register

from .models import DialogueSession, Hotline


@register(DialogueSession)
class DialogueSessionTranslationOptions(TranslationOptions):
    fields = ("title", "description", "leaders")


@register(Hotline)
class HotlineTranslationOptions(TranslationOptions):
    fields = ("purpose", "hours")
