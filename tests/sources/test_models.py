import datetime

import pytest
from django.db import IntegrityError, transaction

from sources.models import Source
from tests.support import factories

pytestmark = pytest.mark.engine


@pytest.mark.django_db
def test_the_database_refuses_a_source_address_that_is_not_http():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_source(url="javascript:alert(1)")


@pytest.mark.django_db
def test_a_publication_date_needs_a_precision_and_an_unknown_one_no_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_source(published_on=datetime.date(2021, 11, 8))
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_source(date_precision=Source.Precision.DAY)


@pytest.mark.parametrize(
    ("precision", "shown"),
    [("day", "8 November 2021"), ("month", "November 2021"), ("year", "2021")],
)
def test_a_publication_date_shows_only_what_is_known(precision, shown):
    source = Source(published_on=datetime.date(2021, 11, 8), date_precision=precision)
    assert source.date_display == shown


def test_an_unknown_publication_date_says_so():
    assert Source().date_display == "date not shown"


@pytest.mark.django_db
def test_a_citation_goes_with_the_record_it_supports():
    meeting = factories.make_meeting()
    source = factories.make_source()
    factories.cite(meeting, source, "dates")
    meeting.delete()
    assert not source.citations.exists()


@pytest.mark.django_db
def test_a_cited_source_cannot_be_deleted():
    from django.db.models import ProtectedError

    source = factories.make_source()
    factories.cite(factories.make_meeting(), source)
    with pytest.raises(ProtectedError):
        source.delete()


@pytest.mark.django_db
def test_a_meeting_is_cited_for_a_fact_its_page_shows_and_nothing_else():
    from django.core.exceptions import ValidationError

    from sources.models import Citation

    meeting = factories.make_meeting()
    source = factories.make_source()
    Citation(record=meeting, source=source, fact="dates").full_clean()
    with pytest.raises(ValidationError) as refused:
        Citation(record=meeting, source=source, fact="chair").full_clean()
    assert "fact" in refused.value.message_dict


@pytest.mark.django_db
def test_a_row_of_a_meeting_is_cited_as_a_whole_only():
    from django.core.exceptions import ValidationError

    from meetings.models import Participation
    from sources.models import Citation

    participation = Participation.objects.create(
        meeting=factories.make_meeting(), body=factories.make_body(), role="participant"
    )
    source = factories.make_source()
    Citation(record=participation, source=source).full_clean()
    with pytest.raises(ValidationError) as refused:
        Citation(record=participation, source=source, fact="dates").full_clean()
    assert refused.value.message_dict["fact"] == [
        "A participation is cited for one of: “the record as a whole”."
    ]
