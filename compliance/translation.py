from modeltranslation.translator import TranslationOptions, register

from .models import Indicator, IndicatorResult


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name", "fix_hint")


@register(IndicatorResult)
class IndicatorResultTranslationOptions(TranslationOptions):
    fields = ("name",)
