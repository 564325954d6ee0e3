"""Loads the public record (data/record/, read by reader.py) into the database.

Safe to run again: it creates what is missing and never changes or removes a record that
exists, so the secretariat's corrections stay. It remembers what it created (LoadedRecord):
a record it loaded once and no longer finds was deleted (or had its key changed) by the
secretariat, and stays so, with everything that hangs on it, unless `--restore` is given.
Every file is read and every reference (a source tag, a body, a person, an RTC) checked
before anything is written; one mistake and nothing is written, and the message names the
file and line.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.db import models, router, transaction

from core.models import Status
from initiatives.models import RTC, Accreditation, Category, HostInstitution, Initiative, Partner
from meetings.models import (
    Body,
    DiscussionPoint,
    Intervention,
    Meeting,
    MeetingRole,
    Participation,
    Person,
    Presentation,
    Programme,
    RegionalRole,
    Session,
    Silence,
)
from sources.models import Account, Citation, Disagreement, Source

from . import topics
from .models import LoadedRecord
from .reader import read_record
from .references import RecordIndex

PUBLISHED = {"status": Status.PUBLISHED}
# What the loader's getters give for a record the secretariat deleted: a lookup holding it is
# skipped, never run with None in its place (None is a value: "no speaker named").
MISSING = object()


def load_record(numbers=None, restore=False):
    """Reads and checks the whole record, then loads it (or only the meetings numbered
    `numbers`, with what they refer to) in one transaction. Returns the Loader, whose `created`
    and `kept_deleted` count what it did. Raises RecordError, before any write, on a mistake."""
    record = read_record()
    loader = Loader(record, numbers, restore=restore)
    loader.check()
    topics_entries = topics.read_topics()
    topics.check(topics_entries, loader)
    with transaction.atomic():
        loader.load()
        topics.load(topics_entries, loader)
    return loader


def natural_key(lookup):
    """The lookup as stable text: a related record by its model and primary key."""

    def value(item):
        if isinstance(item, models.Model):
            return f"{item._meta.label_lower}:{item.pk}"
        return item if isinstance(item, (int, bool, type(None))) else str(item)

    return json.dumps({name: value(item) for name, item in lookup.items()}, sort_keys=True)


def present(records):
    """The records the secretariat has not deleted."""
    return [record for record in records if record not in (None, MISSING)]


class Loader(RecordIndex):
    """Writes the record, checked (`check`), into the database: `load` creates what is
    missing and counts it in `created`; what the secretariat deleted is counted in
    `kept_deleted` and left deleted, unless `restore`."""

    def __init__(self, record, numbers=None, restore=False):
        super().__init__(record, numbers)
        self.restore = restore
        self.created = {}
        self.kept_deleted = {}

    def get_or_create(self, model, defaults=None, **lookup):
        """The record, found or created; (None, False) for one the loader made before and the
        secretariat has deleted since (unless restoring). A lookup naming a deleted record
        (None where a record was expected) also gives None: what hangs on it stays away."""
        name = model._meta.verbose_name_plural
        if any(item is MISSING for item in [*lookup.values(), *(defaults or {}).values()]):
            return None, False
        database = router.db_for_write(model)
        label, key = model._meta.label_lower, natural_key(lookup)
        remembered = LoadedRecord.objects.using(database).filter(model=label, key=key)
        instance = model.objects.using(database).filter(**lookup).first()
        created = False
        if instance is None:
            if remembered.exists() and not self.restore:
                self.kept_deleted[name] = self.kept_deleted.get(name, 0) + 1
                return None, False
            instance = model.objects.using(database).create(**lookup, **(defaults or {}))
            created = True
        if created or not remembered.exists():
            LoadedRecord.objects.using(database).get_or_create(model=label, key=key)
        self.created[name] = self.created.get(name, 0) + created
        return instance, created

    def source(self, tag):
        if tag not in self.sources:
            entry = self.source_entries[tag]
            unknown = Source.Precision.UNKNOWN
            precision = entry.get("precision", unknown) if entry.get("published") else unknown
            self.sources[tag], _ = self.get_or_create(
                Source,
                tag=tag,
                defaults={
                    "slug": entry["slug"],
                    "publisher": entry["publisher"],
                    "title": entry["title"],
                    "url": entry["url"],
                    "kind": entry["kind"],
                    "published_on": entry.get("published"),
                    "date_precision": precision,
                    "language": entry.get("language", "en"),
                    "note": entry.get("note", ""),
                    **PUBLISHED,
                },
            )
            self.sources[tag] = self.sources[tag] or MISSING
        return self.sources[tag]

    def cite(self, record, tags, fact=""):
        if record is None:
            return
        content_type = ContentType.objects.get_for_model(record)
        for tag in tags or []:
            self.get_or_create(
                Citation,
                source=self.source(tag),
                content_type=content_type,
                object_id=record.pk,
                fact=fact,
            )

    def body(self, slug):
        if slug and slug not in self.bodies:
            entry = self.body_entries[slug]
            self.bodies[slug], _ = self.get_or_create(
                Body,
                slug=slug,
                defaults={
                    "name": entry["name"],
                    "kind": entry["kind"],
                    "full_name": entry.get("full_name", ""),
                    **PUBLISHED,
                },
            )
            self.bodies[slug] = self.bodies[slug] or MISSING
        return self.bodies.get(slug)

    def person(self, name):
        if name and name not in self.people:
            entry = self.person_entries[name]
            self.people[name], _ = self.get_or_create(
                Person,
                name=name,
                defaults={
                    "honorific": entry.get("honorific", ""),
                    "position": entry.get("position", ""),
                    "body": self.body(entry["body"]),
                },
            )
            self.people[name] = self.people[name] or MISSING
        return self.people.get(name)

    def programme(self, slug):
        if slug not in self.programmes:
            entry = self.programme_entries[slug]
            programme, _ = self.get_or_create(
                Programme,
                slug=slug,
                defaults={
                    "name": entry["name"],
                    "kind": entry["kind"],
                    "body": self.body(entry.get("body")),
                    "description": entry.get("description", ""),
                    **PUBLISHED,
                },
            )
            self.cite(programme, entry.get("cite"))
            self.programmes[slug] = programme or MISSING
        return self.programmes[slug]

    def category(self, slug):
        entry = self.category_entries[slug]
        return self.get_or_create(
            Category, slug=slug, defaults={"name": entry["name"], **PUBLISHED}
        )[0]

    def partner(self, name):
        entry = self.partner_entries[name]
        return self.get_or_create(Partner, name=name, defaults={"kind": entry["kind"]})[0]

    def rtc(self, slug):
        if slug not in self.rtcs:
            entry = self.rtc_entries[slug]
            rtc, _ = self.get_or_create(
                RTC,
                slug=slug,
                defaults={
                    "name": entry["name"],
                    "host": self.body(entry["host"]),
                    "city": entry.get("city", ""),
                    **PUBLISHED,
                },
            )
            self.rtcs[slug] = rtc or MISSING
            if rtc is None:
                return MISSING
            self.cite(rtc, entry.get("cite"))
            for order, step in enumerate(entry.get("accreditations", []), 1):
                unknown = Source.Precision.UNKNOWN
                known = step.get("precision", unknown) if step.get("date") else unknown
                accreditation, _ = self.get_or_create(
                    Accreditation,
                    rtc=rtc,
                    step=step["step"],
                    date=step.get("date"),
                    defaults={
                        "date_precision": known,
                        "ordinal": step.get("ordinal"),
                        "note": step.get("note", ""),
                        "order": order,
                    },
                )
                self.cite(accreditation, step.get("cite"))
            for name in entry.get("institutions", []):
                institution, _ = self.get_or_create(
                    HostInstitution,
                    rtc=rtc,
                    name=name["name"],
                    defaults={
                        "since": name.get("since"),
                        "until": name.get("until"),
                        "city": name.get("city", ""),
                        "note": name.get("note", ""),
                    },
                )
                self.cite(institution, name.get("cite"))
            self.disagreements(rtc, entry.get("disagreements", []))
            RTC.objects.filter(pk=rtc.pk).index_history()
        return self.rtcs[slug]

    def disagreements(self, record, entries):
        if record is None:
            return
        content_type = ContentType.objects.get_for_model(record)
        for order, entry in enumerate(entries, 1):
            disagreement, _ = self.get_or_create(
                Disagreement,
                content_type=content_type,
                object_id=record.pk,
                point=entry["point"],
                defaults={"fact": entry.get("fact", ""), "order": order},
            )
            if disagreement is None:
                continue
            for number, version in enumerate(entry["versions"], 1):
                self.get_or_create(
                    Account,
                    disagreement=disagreement,
                    source=self.source(version["source"]),
                    defaults={"version": version["version"], "order": number},
                )

    def load(self):
        self.sources, self.bodies, self.people, self.programmes, self.rtcs = {}, {}, {}, {}, {}
        if self.whole:
            # The whole record: every entry of the shared files, cited or not.
            for tag in self.source_entries:
                self.source(tag)
            for slug in self.body_entries:
                self.body(slug)
            for name in self.person_entries:
                self.person(name)
            for slug in self.rtc_entries:
                self.rtc(slug)
        for data in self.meetings:
            self.load_meeting(data)
        # A body's regional offices belong to its record: loaded with every body loaded (all of
        # them for the whole record, those the chosen meetings refer to otherwise).
        regional_roles = self.record.files["bodies.yaml"].get("regional_roles", [])
        for order, entry in enumerate(regional_roles, 1):
            if self.whole or entry["body"] in self.bodies:
                self.regional_role(order, entry)

    def load_meeting(self, data):
        fields = [
            "number", "title", "theme", "start_date", "end_date", "format", "venue", "city",
            "country", "participant_count", "rtc_count", "rtcs_named", "summary", "report",
        ]  # fmt: skip
        meeting, _ = self.get_or_create(
            Meeting,
            slug=data["slug"],
            defaults={key: data[key] for key in fields if key in data} | PUBLISHED,
        )
        if meeting is None:
            return
        for fact, tags in data.get("cite", {}).items():
            self.cite(meeting, tags, "" if fact == "record" else fact)
        for entry in data.get("participations", []):
            participation, _ = self.get_or_create(
                Participation,
                meeting=meeting,
                body=self.body(entry["body"]),
                defaults={
                    "role": entry["role"],
                    "mode": entry.get("mode", ""),
                    "note": entry.get("note", ""),
                },
            )
            self.cite(participation, entry.get("cite"))
        for order, entry in enumerate(data.get("roles", []), 1):
            lookup = {"person": self.person(entry.get("person")), "kind": entry["part"]}
            defaults = {
                "position": entry.get("position", ""),
                "order": order,
                "online": entry.get("online", False),
            }
            # A body presiding with no person named is told apart from another by its body.
            (defaults if entry.get("person") else lookup)["body"] = self.body(entry["body"])
            role, _ = self.get_or_create(MeetingRole, meeting=meeting, **lookup, defaults=defaults)
            self.cite(role, entry.get("cite"))
        for entry in data.get("silences", []):
            silence, _ = self.get_or_create(
                Silence,
                meeting=meeting,
                fact=entry["fact"],
                defaults={"note": entry.get("note", "")},
            )
            self.cite(silence, entry.get("cite"))
        self.disagreements(meeting, data.get("disagreements", []))
        for order, entry in enumerate(data.get("sessions", []), 1):
            self.session(meeting, order, entry)
        for order, entry in enumerate(data.get("interventions", []), 1):
            intervention, created = self.get_or_create(
                Intervention,
                meeting=meeting,
                body=self.body(entry["body"]),
                topic=entry["topic"],
                defaults={
                    "speaker": self.person(entry.get("speaker")),
                    "summary": entry.get("summary", ""),
                    "order": order,
                },
            )
            if created:
                intervention.programmes.set(
                    present(self.programme(slug) for slug in entry.get("programmes", []))
                )
            self.cite(intervention, entry.get("cite"))
        for order, entry in enumerate(data.get("discussion_points", []), 1):
            point, _ = self.get_or_create(
                DiscussionPoint,
                meeting=meeting,
                kind=entry["kind"],
                text=entry["text"],
                defaults={"body": self.body(entry.get("body")), "order": order},
            )
            self.cite(point, entry.get("cite"))
        for entry in data.get("initiatives", []):
            initiative, created = self.get_or_create(
                Initiative,
                slug=entry["slug"],
                defaults={
                    "rtc": self.rtc(entry["rtc"]),
                    "meeting": meeting,
                    "title": entry["title"],
                    "summary": entry["summary"],
                    **PUBLISHED,
                },
            )
            if created:
                initiative.categories.set(
                    present(self.category(s) for s in entry.get("categories", []))
                )
                initiative.partners.set(present(self.partner(n) for n in entry.get("partners", [])))
            self.cite(initiative, entry.get("cite"))

    def session(self, meeting, order, entry):
        session, _ = self.get_or_create(
            Session,
            meeting=meeting,
            kind=entry["kind"],
            title=entry.get("title", ""),
            day=entry.get("day"),
            defaults={"order": order, "summary": entry.get("summary", "")},
        )
        if session is None:
            return
        self.cite(session, entry.get("cite"))
        for number, presented in enumerate(entry.get("presentations", []), 1):
            presentation, _ = self.get_or_create(
                Presentation,
                session=session,
                body=self.body(presented["body"]),
                topic=presented.get("topic", ""),
                defaults={"speaker": self.person(presented.get("speaker")), "order": number},
            )
            self.cite(presentation, presented.get("cite"))

    def regional_role(self, order, entry):
        role, _ = self.get_or_create(
            RegionalRole,
            body=self.body(entry["body"]),
            office=entry.get("office", RegionalRole.Office.VICE_CHAIR),
            since=entry.get("since"),
            defaults={
                "since_precision": entry.get("since_precision", RegionalRole.Precision.MONTH),
                "until": entry.get("until"),
                "until_precision": entry.get("until_precision", RegionalRole.Precision.MONTH),
                "order": order,
                "note": entry.get("note", ""),
            },
        )
        self.cite(role, entry.get("cite"))
