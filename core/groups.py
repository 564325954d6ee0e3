"""The permission groups the secretariat works in, created by data migrations.

- Secretariat editors: add, change and view all content, delete the records that are never
  shown on their own (participations, speakers, interventions, discussion points, partners),
  and send records for review. They cannot publish, unpublish or delete published-type records.
- Secretariat reviewers: everything editors can, plus delete everything and publish/unpublish.
- Secretariat (the foundation's group): kept, with the same rights as reviewers.

None of them may manage users or groups; that stays with superusers.
"""

from django.contrib.auth.management import create_permissions

CONTENT_APPS = ["sources", "meetings", "initiatives"]
SECRETARIAT_ACTIONS = ["add", "change", "delete", "view"]
EDITOR_ACTIONS = ["add", "change", "view"]
# What the public sees through a status; deleting one takes it off the site, a reviewer's call.
PUBLISHABLE_MODELS = [
    "source",
    "body",
    "meeting",
    "programme",
    "rtc",
    "category",
    "initiative",
]

EDITORS = "Secretariat editors"
REVIEWERS = "Secretariat reviewers"
SECRETARIAT = "Secretariat"


def present_apps(apps):
    """The content apps the migration state has reached: an early data migration runs before
    a later app (sources) has any model."""
    labels = {app_config.label for app_config in apps.get_app_configs()}
    return [app_label for app_label in CONTENT_APPS if app_label in labels]


def content_models(apps):
    # History tables are kept by django-simple-history; nobody edits them by hand.
    return [
        model
        for app_label in present_apps(apps)
        for model in apps.get_app_config(app_label).get_models()
        if not model._meta.model_name.startswith("historical")
    ]


def content_permissions(apps, actions, models=None):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_label in present_apps(apps):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    names = models or [model._meta.model_name for model in content_models(apps)]
    codenames = [f"{action}_{name}" for name in names for action in actions]
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label__in=CONTENT_APPS, codename__in=codenames
    )


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
    return [content_permissions(apps, SECRETARIAT_ACTIONS), publish_permissions(apps)]


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
    )


def create_reviewer_group(apps, schema_editor=None):
    return group_with(apps, REVIEWERS, *reviewer_permissions(apps))


def create_all_groups(apps, schema_editor=None):
    create_secretariat_group(apps)
    create_editor_group(apps)
    create_reviewer_group(apps)


def delete_editor_and_reviewer_groups(apps, schema_editor=None):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, REVIEWERS]).delete()
