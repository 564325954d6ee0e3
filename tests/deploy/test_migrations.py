"""Every migration of the content apps reverses and re-applies on a database holding data, and
the reference data a migration seeds leaves what the secretariat edited when reversed."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from core.groups import CONTENT_APPS
from core.models import GlossaryTerm, Synonym
from initiatives.models import Initiative
from tests.support import factories

pytestmark = pytest.mark.engine

# The content apps, core (search configuration, reference data), and the loader's memory of
# the records it created (public_record.LoadedRecord): kept while the records are gone, it would
# tell the loader they were deleted on purpose.
MIGRATED_APPS = ("core", *CONTENT_APPS, "public_record")


def content_migrations():
    """(app, name) of every migration of MIGRATED_APPS, in the order they apply."""
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
    assert ("initiatives", "0002_search_index") in plan
    assert Initiative.objects.count() > 0

    # Backwards, one migration at a time, latest first, each on the data the seed left.
    for app, name in reversed(plan):
        earlier = [node for node in plan if node[0] == app]
        position = earlier.index((app, name))
        migrate(app, earlier[position - 1][1] if position else "zero")
    assert "initiatives_initiative" not in tables()
    assert "meetings_meeting" not in tables()
    assert "core_synonym" not in tables()

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
def test_reversing_the_reference_data_keeps_the_entries_the_secretariat_edited(db):
    # Transactional tests flush the tables: the seed first, as the migration left it.
    call_command("migrate", "core", "0002_search_configuration", verbosity=0)
    call_command("migrate", "core", verbosity=0)
    assert Synonym.objects.filter(term="AI").exists()
    Synonym.objects.filter(term="VR").update(equivalents="virtual reality\nimmersive training")
    GlossaryTerm.objects.create(term="SAFE", slug="safe", definition="The WCO's standards.")

    call_command("migrate", "core", "0002_search_configuration", verbosity=0)
    assert list(Synonym.objects.values_list("term", flat=True)) == ["VR"]
    assert list(GlossaryTerm.objects.values_list("term", flat=True)) == ["SAFE"]

    call_command("migrate", "core", verbosity=0)
    assert Synonym.objects.filter(term="AI").exists()
    assert Synonym.objects.get(term="VR").equivalents.endswith("immersive training")
