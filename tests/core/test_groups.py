"""The secretariat's groups are built from the models after every migrate (core.groups)."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command

from core.groups import (
    CONTENT_APPS,
    EDITORS,
    PUBLISHABLE_MODELS,
    REVIEWERS,
    SECRETARIAT,
    content_models,
)

# Built by a post_migrate receiver through the database router: migrations, so both engines.
pytestmark = pytest.mark.engine


def codenames(name):
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


@pytest.mark.parametrize("name", [SECRETARIAT, EDITORS, REVIEWERS])
def test_every_group_adds_changes_and_views_every_content_model(db, name):
    models = content_models(apps)
    assert {model._meta.app_label for model in models} == set(CONTENT_APPS)
    held = codenames(name)
    for model in models:
        for action in ("add", "change", "view"):
            assert f"{action}_{model._meta.model_name}" in held, (name, action, model)


@pytest.mark.parametrize("name", [SECRETARIAT, REVIEWERS])
def test_reviewers_delete_every_content_model_and_publish_every_publishable_one(db, name):
    held = codenames(name)
    for model in content_models(apps):
        assert f"delete_{model._meta.model_name}" in held, model
    for model_name in PUBLISHABLE_MODELS:
        assert f"publish_{model_name}" in held, model_name


def test_editors_delete_only_what_is_never_public_on_its_own_and_publish_nothing(db):
    held = codenames(EDITORS)
    for model in content_models(apps):
        name = model._meta.model_name
        assert (f"delete_{name}" in held) is (name not in PUBLISHABLE_MODELS), name
    assert not [codename for codename in held if codename.startswith("publish_")]


def test_no_group_manages_users_history_or_groups(db):
    for name in (SECRETARIAT, EDITORS, REVIEWERS):
        held = codenames(name)
        assert not [c for c in held if c.endswith(("_user", "_group", "_permission"))], name
        assert not [c for c in held if "_historical" in c], name


def test_migrate_builds_the_groups_again_when_they_are_gone(db):
    Group.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert codenames(SECRETARIAT) == codenames(REVIEWERS)
    assert "add_initiative" in codenames(EDITORS)
