from modeltranslation.translator import TranslationOptions, register

from .models import Field, Procedure


@register(Procedure)
class ProcedureTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Field)
class FieldTranslationOptions(TranslationOptions):
    fields = ("name",)
