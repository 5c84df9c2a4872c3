"""Unique slugs per site: one strategy for every model whose URL carries a slug.

The slug is the Vietnamese title with diacritics folded ("Quy hoạch đất" -> "quy-hoach-dat");
when another row of the same model and site already has it, "-2", "-3"… is appended, cut
to the field's length. A slug an editor typed is kept as typed (the model's unique
constraint reports a clash in the admin form).
"""

from __future__ import annotations

from django.db.models import Model

from tenants.text import vn_slugify


def unique_slug(instance: Model, text: str, *, fallback: str, max_length: int = 200) -> str:
    """A slug of `text` (or `fallback`) free among `instance`'s model rows of its site."""
    base = vn_slugify(text or "", max_length=max_length) or fallback
    model = type(instance)
    taken = set(
        model._base_manager.filter(tenant_id=instance.tenant_id, slug__startswith=base)
        .exclude(pk=instance.pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
    return slug
