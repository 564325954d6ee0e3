"""The permission groups the secretariat works in, built from the models after every migrate
(`build_groups()`, connected to post_migrate in core.apps): a new model needs no migration to
join them.

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
from django.db import DEFAULT_DB_ALIAS

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
# The secretariat's reference data in core: search synonyms and the glossary.
CORE_DATA_MODELS = ["synonym", "glossaryterm"]


def content_app_configs(apps):
    # A migration state has no app migrated back to zero.
    return [apps.app_configs[label] for label in CONTENT_APPS if label in apps.app_configs]


def content_models(apps):
    # History tables are kept by django-simple-history; nobody edits them by hand.
    return [
        model
        for app_config in content_app_configs(apps)
        for model in app_config.get_models()
        if not model._meta.model_name.startswith("historical")
    ]


def _permissions(apps, using, app_labels, codenames):
    """The permissions named `codenames` in `app_labels`, created first if missing: post_migrate
    creates each app's as it reaches that app, and the groups are built when it reaches core,
    before the content apps."""
    for label in app_labels:
        if label not in apps.app_configs:
            continue
        app_config = apps.get_app_config(label)
        # A migration state's app configs have no models module; create_permissions skips those.
        if getattr(app_config, "models_module", None) is None:
            app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.using(using).filter(
        content_type__app_label__in=app_labels, codename__in=codenames
    )


def content_permissions(apps, actions, models=None, using=DEFAULT_DB_ALIAS):
    names = models or [model._meta.model_name for model in content_models(apps)]
    codenames = [f"{action}_{name}" for name in names for action in actions]
    return _permissions(apps, using, CONTENT_APPS, codenames)


def core_data_permissions(apps, using=DEFAULT_DB_ALIAS):
    """Add, change, delete and view synonyms and glossary terms: reference data that words
    the search and the pages, kept by the secretariat (CORE_DATA_MODELS)."""
    codenames = [
        f"{action}_{model}" for model in CORE_DATA_MODELS for action in SECRETARIAT_ACTIONS
    ]
    return _permissions(apps, using, ["core"], codenames)


def group_with(apps, name, *permission_sets, using=DEFAULT_DB_ALIAS):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.using(using).get_or_create(name=name)
    for permissions in permission_sets:
        group.permissions.add(*permissions)
    return group


def reviewer_permissions(apps, using=DEFAULT_DB_ALIAS):
    return [
        content_permissions(apps, SECRETARIAT_ACTIONS, using=using),
        content_permissions(apps, ["publish"], PUBLISHABLE_MODELS, using=using),
        core_data_permissions(apps, using),
    ]


def create_secretariat_group(apps, using=DEFAULT_DB_ALIAS):
    """Secretariat: add, change, delete, view and publish all content; no users or groups."""
    return group_with(apps, SECRETARIAT, *reviewer_permissions(apps, using), using=using)


def create_editor_group(apps, using=DEFAULT_DB_ALIAS):
    never_public_alone = [
        model._meta.model_name
        for model in content_models(apps)
        if model._meta.model_name not in PUBLISHABLE_MODELS
    ]
    return group_with(
        apps,
        EDITORS,
        content_permissions(apps, EDITOR_ACTIONS, using=using),
        content_permissions(apps, ["delete"], never_public_alone, using=using),
        core_data_permissions(apps, using),
        using=using,
    )


def create_reviewer_group(apps, using=DEFAULT_DB_ALIAS):
    return group_with(apps, REVIEWERS, *reviewer_permissions(apps, using), using=using)


def build_groups(apps, using=DEFAULT_DB_ALIAS):
    """The three groups, each given what it lacks of its permissions over the models of `apps`
    (the live registry or a migration state). Permissions are only ever added, never taken:
    what a superuser adds by hand stays."""
    create_secretariat_group(apps, using)
    create_editor_group(apps, using)
    create_reviewer_group(apps, using)
