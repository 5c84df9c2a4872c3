import pytest
from django.apps import apps
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState
from django.utils import translation

# Test-only models (tests/portal/workflow_models.py, tests/search/models.py) have no
# migration on purpose: tests/conftest.py creates their tables.
TEST_ONLY_MODELS = {"notice", "bulletin"}


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    detector = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps))
    with translation.override(None):  # as makemigrations runs: verbose names untranslated
        changes = detector.changes(graph=loader.graph)
    missing = [
        f"{label}: {operation.describe()}"
        for label, migrations in changes.items()
        for migration in migrations
        for operation in migration.operations
        if getattr(operation, "name_lower", None) not in TEST_ONLY_MODELS
        and getattr(operation, "model_name_lower", None) not in TEST_ONLY_MODELS
    ]
    assert missing == [], "run makemigrations: " + "; ".join(missing)
