"""A search source for the test model, shaped like the ones the feature apps define."""

from django.utils.translation import gettext_lazy as _

from search.registry import IndexEntry, SearchSource

from .models import bulletin_model


def entries(obj) -> list[IndexEntry]:
    if not obj.is_public:
        return []
    url = f"/ban-tin/{obj.pk}/"
    when = obj.published_at
    found = [IndexEntry(obj.tenant_id, "vi", obj.title, obj.body, url, when, obj.number)]
    if obj.title_en:
        found.append(IndexEntry(obj.tenant_id, "en", obj.title_en, obj.body_en, url, when))
    return found


def _source(kind: str, label) -> SearchSource:
    model = bulletin_model()
    return SearchSource(
        kind=kind,
        label=label,
        model=model,
        indexable=lambda: model.objects.published().filter(kind=kind),
        entries=lambda obj: entries(obj) if obj.kind == kind else [],
    )


def sources() -> list[SearchSource]:
    return [_source("article", _("Tin bài")), _source("document", _("Văn bản"))]
