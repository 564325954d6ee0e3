"""Backups: what docs/operations.md's commands dump comes back equal, record for record."""

import json
import subprocess

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from core.models import ContentGeneration
from initiatives.models import Initiative, Partner
from tests.support.servers import Deployment, drop_scratch_database, scratch_database_url

pytestmark = pytest.mark.engine

# The backup command of docs/operations.md: content, users and groups, history, with ids kept,
# and content types and permissions named by natural key, so that those `migrate` re-creates
# still match.
# XML, not JSON: Django's JSON encoder cuts timestamps to milliseconds, XML keeps them whole.
DUMP_OPTIONS = [
    "--format=xml",
    "--natural-foreign",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    "--exclude=sessions",
]


def snapshot():
    """Every row of every table the backup covers, m2m link tables included.

    Content types and permissions are re-created by `migrate` with ids of their own, so rows
    name them by natural key, as the backup does.
    """
    renumbered = (ContentType, Permission)
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model in renumbered or model._meta.app_label == "sessions" or model._meta.proxy:
            continue
        if model is ContentGeneration:
            # Not content: a token every write replaces, the restore's own writes included, so
            # that no count remembered before the restore is used after it.
            continue
        fields = model._meta.concrete_fields
        if model._meta.auto_created:
            # A link table's own ids carry no meaning; the pairs it links do.
            fields = [field for field in fields if not field.primary_key]
        table = []
        for row in model.objects.values_list(*(field.attname for field in fields)):
            table.append(
                tuple(
                    field.related_model.objects.get(pk=value).natural_key()
                    if field.related_model in renumbered and value is not None
                    else value
                    for field, value in zip(fields, row, strict=True)
                )
            )
        rows[model._meta.label] = sorted(table, key=lambda row: [str(value) for value in row])
    return rows


@pytest.mark.django_db(transaction=True)
def test_dumpdata_flush_loaddata_gives_back_every_record_equal(
    tmp_path, settings, seeded, secretariat_user
):
    initiative = Initiative.objects.get(slug="japan-rtc-ai-tutoring-and-qa")
    initiative.partners.add(Partner.objects.create(name="A university", kind="university"))
    before = snapshot()
    assert len(before["initiatives.Initiative"]) == Initiative.objects.count() > 0

    backup = tmp_path / "backup.xml.gz"
    call_command("dumpdata", *DUMP_OPTIONS, output=str(backup), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    assert Initiative.objects.count() == 0
    # As docs/operations.md restores: with history recording off, or loading m2m links records some.
    settings.SIMPLE_HISTORY_ENABLED = False
    call_command("loaddata", str(backup), verbosity=0)

    after = snapshot()
    assert after.keys() == before.keys()
    for label, rows in before.items():
        assert after[label] == rows, label


@pytest.fixture
def postgres_deployment(django_db_setup, django_db_blocker, tmp_path):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore are for PostgreSQL")
    with django_db_blocker.unblock():
        source = scratch_database_url(connection.settings_dict, "backup", tmp_path)
        target = scratch_database_url(connection.settings_dict, "restored", tmp_path)
    deployment = Deployment(source, tmp_path / "static")
    deployment.env["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    try:
        deployment.set_up(static=False)
        yield deployment, source, target
    finally:
        drop_scratch_database(source)
        drop_scratch_database(target)


def test_pg_dump_and_pg_restore_give_back_every_record_equal(postgres_deployment, tmp_path):
    deployment, source, target = postgres_deployment
    archive = tmp_path / "rtcportal.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={archive}", source], check=True)
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={target}", str(archive)],
        check=True,
    )
    original = deployment.manage("dumpdata", "--indent=1")
    deployment.env["DATABASE_URL"] = target
    restored = deployment.manage("dumpdata", "--indent=1")
    assert '"model": "initiatives.initiative"' in original
    assert records(restored) == records(original)


def records(dump):
    """A dumpdata JSON's records, in one order: the order of the models in a dump varies from
    process to process (django-simple-history's m2m history models are registered in an order
    that follows string hashing), and is not part of the data."""
    return sorted(json.loads(dump), key=lambda record: (record["model"], str(record["pk"])))
