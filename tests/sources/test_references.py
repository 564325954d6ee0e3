import pytest

from sources.references import References
from tests.support import factories


@pytest.mark.django_db
def test_references_are_numbered_in_page_order_and_a_source_keeps_its_number():
    meeting = factories.make_meeting()
    wco = factories.make_source(title="WCO")
    rocb = factories.make_source(title="ROCB")
    factories.cite(meeting, rocb, "dates")
    factories.cite(meeting, wco, "format")
    factories.cite(meeting, rocb, "format")
    references = References.for_records([meeting])
    assert [(n, s.title) for n, s in references.refs(meeting, "dates")] == [(1, "ROCB")]
    assert [(n, s.title) for n, s in references.refs(meeting, "format")] == [
        (1, "ROCB"),
        (2, "WCO"),
    ]
    assert [source.title for _, source in references.numbered_sources()] == ["ROCB", "WCO"]


@pytest.mark.django_db
def test_a_fact_only_aggregators_report_is_unconfirmed():
    meeting = factories.make_meeting()
    factories.cite(meeting, factories.make_source(kind="aggregator"), "dates")
    factories.cite(meeting, factories.make_source(kind="aggregator"), "format")
    factories.cite(meeting, factories.make_source(kind="official"), "format")
    references = References.for_records([meeting])
    assert references.refs(meeting, "dates").unconfirmed
    assert not references.refs(meeting, "format").unconfirmed
    assert not references.refs(meeting, "venue").unconfirmed


@pytest.mark.django_db
def test_a_draft_source_gives_no_reference():
    meeting = factories.make_meeting()
    factories.cite(meeting, factories.make_source(status="draft"), "dates")
    references = References.for_records([meeting])
    assert references.refs(meeting, "dates") == []
    assert references.numbered_sources() == []
