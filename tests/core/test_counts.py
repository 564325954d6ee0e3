"""The counts remembered per content generation (core.counts) are exact after every write."""

import pytest
import tablib
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import counts
from core.models import Status
from core.views import with_published_count
from core.workflow import move
from initiatives.models import RTC, Category, Initiative
from initiatives.resources import InitiativeResource
from initiatives.tables import initiative_matrix
from meetings.models import Meeting
from tests.support import factories

pytestmark = pytest.mark.engine

OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "create",
                "edit",
                "recategorise",
                "publish",
                "unpublish",
                "delete",
                "import",
                "unpublish rtc",
                "publish rtc",
                "unpublish meeting",
                "publish meeting",
            ]
        ),
        st.integers(min_value=0, max_value=10_000),
    ),
    min_size=1,
    max_size=6,
)


class Scene:
    def __init__(self):
        self.user = factories.make_user(is_superuser=True, is_staff=True)
        self.rtcs = [factories.make_rtc() for _ in range(3)]
        self.meetings = [factories.make_meeting() for _ in range(2)]
        self.categories = [factories.make_category() for _ in range(3)]

    def pick(self, items, seed):
        return items[seed % len(items)]

    def some_initiative(self, seed):
        pks = sorted(Initiative.objects.values_list("pk", flat=True))
        return Initiative.objects.get(pk=pks[seed % len(pks)]) if pks else None

    def apply(self, operation, seed):
        initiative = self.some_initiative(seed)
        if operation == "create" or initiative is None:
            factories.make_initiative(
                rtc=self.pick(self.rtcs, seed),
                meeting=self.pick(self.meetings, seed // 3),
                categories=self.categories[: seed % 4],
                status=Status.PUBLISHED if seed % 5 else Status.DRAFT,
            )
        elif operation == "edit":
            initiative.rtc = self.pick(self.rtcs, seed // 7)
            initiative.meeting = self.pick(self.meetings, seed // 11)
            initiative.save()
        elif operation == "recategorise":
            initiative.categories.set(self.categories[seed % 3 : seed % 3 + 1 + seed % 2])
        elif operation in ("publish", "unpublish"):
            status = Status.PUBLISHED if operation == "publish" else Status.DRAFT
            move(Initiative.objects.filter(pk=initiative.pk), status, self.user)
        elif operation == "delete":
            initiative.delete()
        elif operation == "import":
            # A spreadsheet row moving an existing initiative to another RTC and kind.
            rtc = self.pick(self.rtcs, seed // 5)
            category = self.pick(self.categories, seed // 13)
            dataset = tablib.Dataset(headers=list(InitiativeResource._meta.fields))
            row = {
                "slug": initiative.slug,
                "title": initiative.title,
                "rtc": rtc.name,
                "meeting": initiative.meeting.title,
                "summary": initiative.summary,
                "description": initiative.description,
                "categories": category.name,
                "partners": "",
            }
            dataset.append([row[field] for field in dataset.headers])
            result = InitiativeResource().import_data(dataset, dry_run=False, user=self.user)
            assert not result.has_errors() and not result.has_validation_errors()
        else:
            verb, kind = operation.split()
            model = RTC if kind == "rtc" else Meeting
            record = self.pick(self.rtcs if kind == "rtc" else self.meetings, seed)
            status = Status.PUBLISHED if verb == "publish" else Status.DRAFT
            # The test's bare meetings lack what review asks for: publishing them needs a reason.
            move(model.objects.filter(pk=record.pk), status, self.user, anyway="a bare test record")


def fresh(**filters):
    return Initiative.objects.published().filter(**filters).count()


def assert_every_count_is_exact():
    published = Initiative.objects.published()
    assert counts.count(published) == published.count()
    for rtc in with_published_count(RTC.objects.published(), "initiatives"):
        assert rtc.initiative_count == fresh(rtc=rtc)
    for category in with_published_count(Category.objects.published(), "initiatives"):
        assert category.initiative_count == fresh(categories=category)
    for meeting in with_published_count(Meeting.objects.published(), "initiatives"):
        assert meeting.initiative_count == fresh(meeting=meeting)
    for field, model in (("rtc", RTC), ("categories", Category), ("meeting", Meeting)):
        by_pk = counts.count_by(published, field)
        for pk in model.objects.values_list("pk", flat=True):
            assert by_pk.get(pk, 0) == fresh(**{field: pk})
    categories, rows = initiative_matrix()
    for row in rows:
        assert row.total == fresh(rtc=row.rtc)
        for category, cell in zip(categories, row.cells, strict=True):
            assert cell.count == fresh(rtc=row.rtc, categories=category)


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_every_precomputed_count_equals_a_fresh_count_after_any_writes(operations):
    scene = Scene()
    assert_every_count_is_exact()  # remembered now, so the writes below must retire them
    for operation, seed in operations:
        scene.apply(operation, seed)
        assert_every_count_is_exact()


@pytest.mark.django_db
def test_a_rolled_back_write_leaves_no_count_behind():
    from django.db import transaction

    rtc = factories.make_rtc()
    factories.make_initiative(rtc=rtc)
    assert with_published_count([rtc], "initiatives")[0].initiative_count == 1
    with transaction.atomic():
        factories.make_initiative(rtc=rtc)
        # Counted inside the write's transaction, under its own generation...
        assert with_published_count([rtc], "initiatives")[0].initiative_count == 2
        transaction.set_rollback(True)
    # ...which rolled back with it: the committed generation's count is read again.
    assert with_published_count([rtc], "initiatives")[0].initiative_count == 1


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


COUNTED_PAGES = [
    "/",
    "/rtcs/",
    "/rtcs/matrix/",
    "/meetings/",
    "/initiatives/",
    "/initiatives/?rtc={rtc}&category={category}",
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", COUNTED_PAGES)
def test_a_repeated_page_reads_its_counts_without_counting_and_costs_the_same_at_any_size(
    client, page
):
    def grow(rtcs, per_rtc):
        categories = [factories.make_category() for _ in range(2)]
        meeting = factories.make_meeting()
        made = [factories.make_rtc() for _ in range(rtcs)]
        for rtc in made:
            for _ in range(per_rtc):
                factories.make_initiative(rtc=rtc, meeting=meeting, categories=categories)
        # The content types are cached once per process, on whichever request asks first:
        # forgotten here, each cold request reads them, whatever ran before this test.
        ContentType.objects.clear_cache()
        return page.format(rtc=made[0].slug, category=categories[0].slug)

    url = grow(2, 2)
    cold_small = queries(client, url)
    warm_small = queries(client, url)
    url = grow(6, 8)
    cold_large = queries(client, url)
    warm_large = queries(client, url)
    # Counting happens once per content generation (the first request after a write), and
    # the number of queries does not grow with the data either way.
    assert warm_small < cold_small
    assert (cold_small, warm_small) == (cold_large, warm_large)
