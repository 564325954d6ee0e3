"""Two initiatives of one RTC at one meeting, one known only from an aggregator and one that
an official account confirms, and what every page shows of the difference: the mark beside
the first, explained once on the page."""

from tests.support import factories

MARK = '(<a href="#unconfirmed-note">not confirmed</a>)'
NOTE = '<p id="unconfirmed-note"'


def two_initiatives(**fields):
    """(known only from an aggregator, confirmed by an official account), both published, of
    one RTC at one meeting, tagged with `topic` when given."""
    topic = fields.pop("topic", None)
    rtc = factories.make_rtc()
    meeting = factories.make_meeting()
    aggregator = factories.make_source("A rewrite of the meeting", kind="aggregator")
    official = factories.make_source("The meeting's official account")
    unconfirmed = factories.make_initiative(
        rtc=rtc, meeting=meeting, title="Only an aggregator tells it", **fields
    )
    factories.cite(unconfirmed, aggregator)
    confirmed = factories.make_initiative(
        rtc=rtc, meeting=meeting, title="The official account tells it", **fields
    )
    factories.cite(confirmed, official)
    factories.cite(confirmed, aggregator)
    if topic:
        topic.initiatives.add(unconfirmed, confirmed)
    return unconfirmed, confirmed


def marks(page):
    """How many records the page marks as known only from aggregators; the explanation must
    be there exactly once when there is one."""
    count = page.count(MARK)
    assert page.count(NOTE) == (1 if count else 0)
    return count


def marks_the_aggregators_initiative_only(page):
    """The page lists both initiatives (the aggregator's first, by title) and marks only the
    aggregator's, explaining the mark once."""
    assert marks(page) == 1
    first, mark, second = (
        page.index("Only an aggregator tells it"),
        page.index(MARK),
        page.index("The official account tells it"),
    )
    assert first < mark < second
