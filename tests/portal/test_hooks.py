"""The platform's extension points: one documented list (portal/hooks.py), loud failures."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps

from portal import hooks
from portal.hooks import HOOK_MODULES, UnknownHook, app_function, app_module, app_modules

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_hooks():
    app_modules.cache_clear()
    yield
    app_modules.cache_clear()


def test_every_hook_module_is_documented_in_the_module_docstring():
    for name in HOOK_MODULES:
        assert f"``<app>/{name}.py``" in hooks.__doc__, name


def test_every_hook_module_an_app_ships_is_loaded():
    for config in apps.get_app_configs():
        if not config.path.startswith(str(ROOT)):
            continue
        for name in HOOK_MODULES:
            if (Path(config.path) / f"{name}.py").exists():
                assert app_module(config.name, name) is not None, f"{config.name}/{name}.py"


def test_an_undeclared_hook_module_is_an_error(fresh_hooks):
    with pytest.raises(UnknownHook):
        app_modules("widgets")


def test_a_hook_module_that_fails_to_import_fails_loudly(fresh_hooks, monkeypatch):
    real_import = importlib.import_module

    def broken(name, *args):
        if name == "procedures.stats":
            raise ImportError("cannot import name 'gone' from 'procedures.models'")
        return real_import(name, *args)

    monkeypatch.setattr(hooks.importlib, "import_module", broken)
    with pytest.raises(ImportError, match="gone"):
        app_function("procedures", "stats", "online_share")


def test_an_app_without_the_function_leaves_it_out():
    from procedures.stats import online_share

    assert app_function("procedures", "stats", "online_share") is online_share
    assert app_function("procedures", "stats", "no_such_function") is None
    assert app_function("archive", "stats", "section_counts") is None  # not installed
