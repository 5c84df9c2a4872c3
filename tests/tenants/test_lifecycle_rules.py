"""Every model that points at a site says how it follows a merge: a new one cannot be
forgotten."""

from django.apps import apps
from django.db import models

from tenants.lifecycle.rules import (
    How,
    all_rules,
    missing_rules,
    models_with_tenant_keys,
    tenant_keys,
)
from tenants.models import Tenant


def test_every_model_with_a_key_to_a_site_has_a_move_rule():
    assert missing_rules() == []


def test_the_walk_finds_the_models_of_every_app():
    labels = {model._meta.label for model in models_with_tenant_keys()}
    for expected in (
        "content.Article",
        "documents.Document",
        "dialogue.Inquiry",
        "search.SearchEntry",
        "compliance.VisitDaily",
        "tenants.Membership",
    ):
        assert expected in labels
    # A key other than `tenant` is walked too.
    assert tenant_keys(apps.get_model("dialogue.Inquiry")) == ["tenant", "assigned_tenant"]


def test_a_model_without_a_rule_is_reported_by_name():
    class Forgotten(models.Model):
        __module__ = "content.models"  # as if an app had added it
        tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="+")

        class Meta:
            app_label = "content"

        def __str__(self) -> str:
            return "forgotten"

    try:
        gaps = missing_rules()
    finally:
        Forgotten._meta.apps.all_models["content"].pop("forgotten", None)
        Forgotten._meta.apps.clear_cache()
    assert gaps == ["content.Forgotten: no MoveRule (add one to content/lifecycle.py)"]


def test_a_rule_that_stays_says_why():
    for rule in all_rules().values():
        if rule.how == How.STAY:
            assert str(rule.reason), rule.label


def test_rules_point_at_real_fields():
    for rule in all_rules().values():
        model = rule.model
        for name in (*rule.unique, *rule.repoint, *rule.sum_fields, *rule.remap):
            model._meta.get_field(name)


def test_rules_know_each_per_site_unique_key():
    """A clash the rule does not know would stop a merge on an IntegrityError."""
    for rule in all_rules().values():
        if rule.how != How.MOVE:
            continue
        for constraint in rule.model._meta.constraints:
            fields = set(getattr(constraint, "fields", ()) or ())
            if "tenant" not in fields:
                continue
            if constraint.condition is not None:
                assert rule.before_move, f"{rule.label}: {constraint.name} needs before_move"
                continue
            assert fields - {"tenant"} == set(rule.unique), f"{rule.label}: {constraint.name}"
