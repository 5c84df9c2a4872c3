from modeltranslation.translator import TranslationOptions, register

from .models import Tenant


@register(Tenant)
class TenantTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "short_name",
        "introduction",
        "governing_body",
        "address",
        "responsible_title",
        "license_text",
        "platform_label",
    )
