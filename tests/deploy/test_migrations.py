"""Every migration of the content apps reverses and re-applies on a database holding data."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from core.groups import CONTENT_APPS
from initiatives.models import Initiative
from tests.support import factories

pytestmark = pytest.mark.engine

# The content apps, and the loader's memory of the records it created (rtcportal.LoadedRecord):
# kept while the records are gone, it would tell the loader they were deleted on purpose.
MIGRATED_APPS = (*CONTENT_APPS, "rtcportal")


def content_migrations():
    """(app, name) of every content-app migration, in the order they apply."""
    loader = MigrationLoader(connection)
    leaves = [node for node in loader.graph.leaf_nodes() if node[0] in MIGRATED_APPS]
    plan = []
    for leaf in leaves:
        for node in loader.graph.forwards_plan(leaf):
            if node[0] in MIGRATED_APPS and node not in plan:
                plan.append(node)
    return plan


def tables():
    return set(connection.introspection.table_names())


def migrate(app, target):
    call_command("migrate", app, target, verbosity=0, interactive=False)


@pytest.mark.django_db(transaction=True)
def test_migrations_go_back_one_by_one_to_zero_and_forward_again_on_a_seeded_database(
    client, seeded
):
    plan = content_migrations()
    assert ("initiatives", "0002_secretariat_group") in plan
    assert Initiative.objects.count() > 0

    # Backwards, one migration at a time, latest first, each on the data the seed left.
    for app, name in reversed(plan):
        earlier = [node for node in plan if node[0] == app]
        position = earlier.index((app, name))
        migrate(app, earlier[position - 1][1] if position else "zero")
    assert "initiatives_initiative" not in tables()
    assert "meetings_meeting" not in tables()
    assert not Group.objects.filter(name="Secretariat").exists()

    # Forwards, one at a time.
    for app, name in plan:
        migrate(app, name)
    assert "initiatives_initiative" in tables()
    assert Group.objects.get(name="Secretariat").permissions.exists()

    # The rebuilt schema takes the records and serves them.
    factories.load_19th_meeting()
    response = client.get("/initiatives/japan-rtc-ai-tutoring-and-qa/")
    assert response.status_code == 200
    assert "AI-powered tutoring" in response.text


def test_the_models_and_the_migrations_agree(db):
    # makemigrations --check runs in `make test` too; this keeps the guarantee under pytest.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_the_printable_text_migration_cleans_text_stored_before_it(db):
    initiative = factories.make_initiative()
    migrate("initiatives", "0005_initiative_search_index")
    with connection.cursor() as cursor:
        # Raw SQL: today's fields would strip the characters on the way in.
        cursor.execute(
            "UPDATE initiatives_initiative SET title = %s WHERE id = %s",
            ["\x02VR\x03 lab", initiative.pk],
        )
    # Every migration back, not only initiatives/0006: going back to 0005 also took back the
    # migrations that depend on 0006 (documents/0002), which later tests need.
    call_command("migrate", verbosity=0, interactive=False)
    initiative.refresh_from_db()
    assert initiative.title == "VR lab"
