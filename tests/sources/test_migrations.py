"""Citation facts typed as free text, put on the fixed list of what the pages show
(migration 0003_citation_facts), without losing a citation that means something."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from meetings.models import Participation
from sources.models import Citation
from tests.support import factories

pytestmark = pytest.mark.django_db

citation_facts = importlib.import_module("sources.migrations.0003_citation_facts")


def facts_of(record):
    return sorted(record.citations.values_list("source__title", "fact"))


def test_facts_typed_as_free_text_become_the_facts_the_page_shows():
    meeting = factories.make_meeting()
    one, two, three = (factories.make_source(title) for title in ("One", "Two", "Three"))
    for source, fact in [
        (one, "dates"),
        (one, "participants"),
        (two, "Place"),
        (two, "chair"),
        (three, "record"),
        (three, "organisers"),
    ]:
        Citation.objects.create(record=meeting, source=source, fact=fact)
    citation_facts.onto_the_list(apps, connection.schema_editor())
    # "record" and "organisers" by the same source are one citation of the whole meeting.
    assert facts_of(meeting) == [
        ("One", "dates"),
        ("One", "size"),
        ("Three", ""),
        ("Two", ""),
        ("Two", "venue"),
    ]


def test_a_fact_of_a_row_whose_page_shows_none_becomes_a_citation_of_the_row():
    participation = Participation.objects.create(
        meeting=factories.make_meeting(), body=factories.make_body(), role="participant"
    )
    source = factories.make_source("Cited")
    Citation.objects.create(record=participation, source=source, fact="participants")
    citation_facts.onto_the_list(apps, connection.schema_editor())
    assert facts_of(participation) == [("Cited", "")]
