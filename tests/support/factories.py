"""Small helpers that make valid records with sensible defaults; tests override what they need."""

import datetime
import io
import itertools

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from documents.forms import set_file
from documents.models import Document
from documents.safety import check_upload
from initiatives.models import RTC, Category, Initiative
from meetings.models import Body, Meeting, Status

from . import files

_sequence = itertools.count(1)


def make_user(username=None, password="correct horse battery staple", **fields):
    username = username or f"user{next(_sequence)}"
    return get_user_model().objects.create_user(username=username, password=password, **fields)


def make_body(name=None, kind=Body.Kind.CUSTOMS_ADMINISTRATION, **fields):
    number = next(_sequence)
    name = name or f"Administration {number}"
    fields.setdefault("slug", f"administration-{number}")
    fields.setdefault("status", Status.PUBLISHED)
    return Body.objects.create(name=name, kind=kind, **fields)


def make_meeting(number=None, **fields):
    number = number or 100 + next(_sequence)
    fields.setdefault("title", f"{number}th RTC Heads Meeting")
    fields.setdefault("slug", f"{number}th-rtc-heads-meeting")
    fields.setdefault("start_date", datetime.date(2000 + number % 50, 10, 1))
    fields.setdefault("end_date", fields["start_date"] + datetime.timedelta(days=1))
    fields.setdefault("status", Status.PUBLISHED)
    return Meeting.objects.create(number=number, **fields)


def make_planned_meeting(days_ahead=60, **fields):
    """The 23rd meeting, published, `days_ahead` days from today: planned."""
    start = timezone.localdate() + datetime.timedelta(days=days_ahead)
    fields.setdefault("city", "Seoul")
    return make_meeting(
        number=23,
        title="23rd RTC Heads Meeting",
        slug="23rd-rtc-heads-meeting",
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
        **fields,
    )


def make_rtc(name=None, host=None, **fields):
    number = next(_sequence)
    name = name or f"Test RTC {number}"
    fields.setdefault("slug", f"test-rtc-{number}")
    fields.setdefault("status", Status.PUBLISHED)
    return RTC.objects.create(name=name, host=host or make_body(), **fields)


def make_category(name=None, **fields):
    number = next(_sequence)
    name = name or f"Category {number}"
    fields.setdefault("slug", f"category-{number}")
    fields.setdefault("status", Status.PUBLISHED)
    return Category.objects.create(name=name, **fields)


def make_initiative(rtc=None, meeting=None, categories=(), **fields):
    number = next(_sequence)
    fields.setdefault("title", f"Initiative {number}")
    fields.setdefault("slug", f"initiative-{number}")
    fields.setdefault("summary", f"Summary of initiative {number}.")
    fields.setdefault("status", Status.PUBLISHED)
    initiative = Initiative.objects.create(
        rtc=rtc or make_rtc(), meeting=meeting or make_meeting(), **fields
    )
    initiative.categories.set(categories)
    return initiative


def make_document(attached_to=None, content=None, name="report.pdf", **fields):
    """A document stored as the admin stores one (checked, then saved by its checksum); its
    text is not extracted (documents.tasks.extract_text.call(pk) does that)."""
    checked = check_upload(SimpleUploadedFile(name, content or files.pdf("A sample page")))
    fields.setdefault("title", f"Document {next(_sequence)}")
    fields.setdefault("status", Status.PUBLISHED)
    document = Document(attached_to=attached_to or make_meeting(), **fields)
    set_file(document, checked)
    document.save()
    return document


def load_public_record():
    call_command("load_public_record", stdout=io.StringIO())
    seed_glossary()


def load_19th_meeting():
    """The 19th meeting's records and what they refer to (`load_public_record --meeting 19`)."""
    call_command("load_public_record", meeting=[19], stdout=io.StringIO())
    seed_glossary()


def seed_glossary():
    """The glossary core's reference data migration starts with: transactional tests flush it
    away."""
    from core.glossary import add_seed_terms
    from core.models import GlossaryTerm

    add_seed_terms(GlossaryTerm)


def edit_in_admin(client, initiative, **changes):
    """Post the initiative's admin change form as the secretariat would, with `changes`."""
    from django.urls import reverse

    from tests.support.admin import inline_management

    url = reverse("admin:initiatives_initiative_change", args=[initiative.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = inline_management(page) | {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        rtc=initiative.rtc.pk,
        meeting=initiative.meeting.pk,
        categories=[category.pk for category in initiative.categories.all()],
        **changes,
    )
    return client.post(url, data)


def make_source(title=None, kind="official", **fields):
    from sources.models import Source

    number = next(_sequence)
    fields.setdefault("slug", f"source-{number}")
    fields.setdefault("publisher", "WCO newsroom")
    fields.setdefault("url", f"https://www.wcoomd.org/en/media/newsroom/{number}.aspx")
    fields.setdefault("status", Status.PUBLISHED)
    return Source.objects.create(title=title or f"Source {number}", kind=kind, **fields)


def cite(record, source, fact="", **fields):
    from sources.models import Citation

    return Citation.objects.create(record=record, source=source, fact=fact, **fields)


def make_disagreement(record, point, versions, fact=""):
    """A disputed point of `record` with versions [(source, version)]."""
    from sources.models import Account, Disagreement

    disagreement = Disagreement.objects.create(subject=record, point=point, fact=fact)
    for order, (source, version) in enumerate(versions, 1):
        Account.objects.create(
            disagreement=disagreement, source=source, version=version, order=order
        )
    return disagreement


def make_topic(name=None, meetings=(), **fields):
    """A topic with a thread entry (note "At <meeting>.") for each of `meetings`."""
    from meetings.models import Topic, TopicEntry

    number = next(_sequence)
    name = name or f"Topic {number}"
    fields.setdefault("slug", f"topic-{number}")
    fields.setdefault("status", Status.PUBLISHED)
    topic = Topic.objects.create(name=name, **fields)
    for meeting in meetings:
        TopicEntry.objects.create(topic=topic, meeting=meeting, note=f"At the {meeting}.")
    return topic
