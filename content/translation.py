from modeltranslation.translator import TranslationOptions, register

from .models import (
    Alert,
    Article,
    Banner,
    Category,
    ContactOfficial,
    HistoryEntry,
    Image,
    Leader,
    Link,
    LocalityPage,
    OrgUnit,
)


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt", "caption")


@register(OrgUnit)
class OrgUnitTranslation(TranslationOptions):
    fields = ("name", "mandate")


@register(Leader)
class LeaderTranslation(TranslationOptions):
    fields = ("title", "bio", "duties")


@register(ContactOfficial)
class ContactOfficialTranslation(TranslationOptions):
    fields = ("title", "unit")


@register(HistoryEntry)
class HistoryEntryTranslation(TranslationOptions):
    fields = ("period", "title", "text")


@register(LocalityPage)
class LocalityPageTranslation(TranslationOptions):
    fields = ("title", "body", "map_text")


@register(Link)
class LinkTranslation(TranslationOptions):
    fields = ("title",)


@register(Banner)
class BannerTranslation(TranslationOptions):
    fields = ("title",)


@register(Alert)
class AlertTranslation(TranslationOptions):
    fields = ("message",)
