"""The registered search sources: collected once from every app's `search_index.SOURCES`
(see registry.py), with an override for tests and tools."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db.models import Model

from portal.hooks import app_modules

from .registry import SearchSource

_override: tuple[SearchSource, ...] | None = None


def all_sources() -> tuple[SearchSource, ...]:
    if _override is not None:
        return _override
    found: list[SearchSource] = []
    for module in app_modules("search_index"):
        found.extend(getattr(module, "SOURCES", ()))
    return tuple(found)


def sources_for_model(model: type[Model]) -> list[SearchSource]:
    concrete = model._meta.concrete_model
    return [s for s in all_sources() if s.model._meta.concrete_model is concrete]


def source_labels() -> dict[str, object]:
    """kind → badge label, in registration order (kinds shared by two models once)."""
    labels: dict[str, object] = {}
    for source in all_sources():
        labels.setdefault(source.kind, source.label)
    return labels


def model_label(model: type[Model]) -> str:
    return model._meta.concrete_model._meta.label_lower


@contextmanager
def override_sources(sources: Sequence[SearchSource]) -> Iterator[None]:
    """Use exactly `sources` instead of the installed apps' (tests, benchmarks)."""
    global _override
    previous, _override = _override, tuple(sources)
    try:
        yield
    finally:
        _override = previous
