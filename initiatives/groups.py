"""The permission groups the secretariat works in, created by data migrations."""

from django.contrib.auth.management import create_permissions

CONTENT_APPS = ["meetings", "initiatives"]
SECRETARIAT_ACTIONS = ["add", "change", "delete", "view"]


def content_permissions(apps, actions):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_label in CONTENT_APPS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    codenames = [
        f"{action}_{model._meta.model_name}"
        for app_label in CONTENT_APPS
        for model in apps.get_app_config(app_label).get_models()
        for action in actions
    ]
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label__in=CONTENT_APPS, codename__in=codenames
    )


def create_secretariat_group(apps, schema_editor=None):
    """Secretariat: add, change, delete and view all content; no users or groups."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name="Secretariat")
    group.permissions.add(*content_permissions(apps, SECRETARIAT_ACTIONS))
    return group
