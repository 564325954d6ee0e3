"""The permission groups the secretariat works in, created by data migrations.

- Secretariat editors: add, change and view all content, delete the records that are never
  shown on their own (participations, speakers, interventions, discussion points, partners),
  and send records for review. They cannot publish, unpublish or delete published-type records.
- Secretariat reviewers: everything editors can, plus delete everything and publish/unpublish.
- Secretariat (the foundation's group): kept, with the same rights as reviewers.

All three keep the search synonyms (core.Synonym) and the glossary (core.GlossaryTerm): add,
change, delete and view them.
None of them may manage users or groups; that stays with superusers.
"""

from django.contrib.auth.management import create_permissions

CONTENT_APPS = ["sources", "documents", "meetings", "initiatives"]
SECRETARIAT_ACTIONS = ["add", "change", "delete", "view"]
EDITOR_ACTIONS = ["add", "change", "view"]
# What the public sees through a status; deleting one takes it off the site, a reviewer's call.
PUBLISHABLE_MODELS = [
    "source",
    "body",
    "meeting",
    "topic",
    "programme",
    "rtc",
    "category",
    "initiative",
    "document",
]

EDITORS = "Secretariat editors"
REVIEWERS = "Secretariat reviewers"
SECRETARIAT = "Secretariat"


def content_app_configs(apps):
    # An early migration's state has no app whose first migration comes later (documents).
    return [apps.app_configs[label] for label in CONTENT_APPS if label in apps.app_configs]


def content_models(apps):
    # History tables are kept by django-simple-history; nobody edits them by hand.
    return [
        model
        for app_config in content_app_configs(apps)
        for model in app_config.get_models()
        if not model._meta.model_name.startswith("historical")
    ]


def content_permissions(apps, actions, models=None):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in content_app_configs(apps):
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    names = models or [model._meta.model_name for model in content_models(apps)]
    codenames = [f"{action}_{name}" for name in names for action in actions]
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label__in=CONTENT_APPS, codename__in=codenames
    )


# The secretariat's reference data in core: search synonyms and the glossary.
CORE_DATA_MODELS = ["synonym", "glossaryterm"]


def core_data_permissions(apps):
    """Add, change, delete and view synonyms and glossary terms: reference data that words
    the search and the pages, kept by the secretariat (CORE_DATA_MODELS)."""
    try:
        app_config = apps.get_app_config("core")
    except LookupError:  # a migration state before core had models
        return []
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="core",
        codename__in=[
            f"{action}_{model}" for model in CORE_DATA_MODELS for action in SECRETARIAT_ACTIONS
        ],
    )


def give_core_data_permissions(apps, schema_editor=None):
    for name in (SECRETARIAT, EDITORS, REVIEWERS):
        group_with(apps, name, core_data_permissions(apps))


def take_core_data_permissions(apps, schema_editor=None):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[SECRETARIAT, EDITORS, REVIEWERS]):
        group.permissions.remove(*core_data_permissions(apps))


def publish_permissions(apps):
    # Empty before the models declared `publish_<model>` (migration 0002 runs before that).
    return content_permissions(apps, ["publish"], PUBLISHABLE_MODELS)


def group_with(apps, name, *permission_sets):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=name)
    for permissions in permission_sets:
        group.permissions.add(*permissions)
    return group


def reviewer_permissions(apps):
    return [
        content_permissions(apps, SECRETARIAT_ACTIONS),
        publish_permissions(apps),
        core_data_permissions(apps),
    ]


def create_secretariat_group(apps, schema_editor=None):
    """Secretariat: add, change, delete, view and publish all content; no users or groups."""
    return group_with(apps, SECRETARIAT, *reviewer_permissions(apps))


def create_editor_group(apps, schema_editor=None):
    never_public_alone = [
        model._meta.model_name
        for model in content_models(apps)
        if model._meta.model_name not in PUBLISHABLE_MODELS
    ]
    return group_with(
        apps,
        EDITORS,
        content_permissions(apps, EDITOR_ACTIONS),
        content_permissions(apps, ["delete"], never_public_alone),
        core_data_permissions(apps),
    )


def create_reviewer_group(apps, schema_editor=None):
    return group_with(apps, REVIEWERS, *reviewer_permissions(apps))


def create_all_groups(apps, schema_editor=None):
    create_secretariat_group(apps)
    create_editor_group(apps)
    create_reviewer_group(apps)


def delete_editor_and_reviewer_groups(apps, schema_editor=None):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, REVIEWERS]).delete()
