from modeltranslation.translator import TranslationOptions, register

from .models import Consultation, Document, DocumentField, DocumentType


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title", "summary")


@register(Consultation)
class ConsultationTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "report")


@register(DocumentType)
class DocumentTypeTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(DocumentField)
class DocumentFieldTranslationOptions(TranslationOptions):
    fields = ("name",)
