from django.core.management.base import BaseCommand
from django.db import transaction

from core.models import Status
from initiatives.models import RTC, Category, Initiative, Partner
from meetings.models import (
    Body,
    DiscussionPoint,
    Intervention,
    Meeting,
    MeetingRole,
    Participation,
    Person,
    Programme,
)
from rtcportal import seed_19th as seed


class Command(BaseCommand):
    help = (
        "Load the 19th RTC Heads Meeting's records, published. Safe to run again: it only "
        "creates what is missing and never changes a record that already exists."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        self.created = 0
        published = {"status": Status.PUBLISHED}

        bodies = {}
        for name, slug, kind, full_name in seed.BODIES:
            bodies[slug] = self.get_or_create(
                Body,
                slug=slug,
                defaults={"name": name, "kind": kind, "full_name": full_name, **published},
            )

        meeting = self.get_or_create(
            Meeting,
            slug=seed.MEETING["slug"],
            defaults={key: value for key, value in seed.MEETING.items() if key != "slug"}
            | published,
        )

        for body_slug, (role, note) in seed.PARTICIPATIONS.items():
            self.get_or_create(
                Participation,
                meeting=meeting,
                body=bodies[body_slug],
                defaults={"role": role, "note": note},
            )

        people = {}
        for person in seed.PEOPLE:
            people[person["name"]] = self.get_or_create(
                Person,
                name=person["name"],
                defaults={
                    "honorific": person["honorific"],
                    "position": person["position"],
                    "body": bodies[person["body"]],
                },
            )

        for name, kind, body_slug, order in seed.ROLES:
            person = people[name]
            self.get_or_create(
                MeetingRole,
                meeting=meeting,
                person=person,
                kind=kind,
                defaults={"body": bodies[body_slug], "position": person.position, "order": order},
            )

        programmes = {}
        for name, slug, kind, body_slug, description in seed.PROGRAMMES:
            programmes[slug] = self.get_or_create(
                Programme,
                slug=slug,
                defaults={
                    "name": name,
                    "kind": kind,
                    "body": bodies[body_slug],
                    "description": description,
                    **published,
                },
            )

        for order, (speaker, body_slug, topic, summary, programme_slugs) in enumerate(
            seed.INTERVENTIONS, 1
        ):
            intervention, created = self.get_or_create(
                Intervention,
                meeting=meeting,
                body=bodies[body_slug],
                topic=topic,
                defaults={"speaker": people.get(speaker), "summary": summary, "order": order},
                report_created=True,
            )
            if created:
                intervention.programmes.set(programmes[slug] for slug in programme_slugs)

        for order, (kind, text, body_slug) in enumerate(seed.DISCUSSION_POINTS, 1):
            self.get_or_create(
                DiscussionPoint,
                meeting=meeting,
                kind=kind,
                text=text,
                defaults={"body": bodies.get(body_slug), "order": order},
            )

        categories = {
            slug: self.get_or_create(Category, slug=slug, defaults={"name": name, **published})
            for name, slug in seed.CATEGORIES
        }
        partners = {
            name: self.get_or_create(Partner, name=name, defaults={"kind": kind})
            for name, kind in seed.PARTNERS
        }
        rtcs = {
            slug: self.get_or_create(
                RTC, slug=slug, defaults={"name": name, "host": bodies[host], **published}
            )
            for name, slug, host in seed.RTCS
        }

        for item in seed.INITIATIVES:
            initiative, created = self.get_or_create(
                Initiative,
                slug=item["slug"],
                defaults={
                    "rtc": rtcs[item["rtc"]],
                    "meeting": meeting,
                    "title": item["title"],
                    "summary": item["summary"],
                    **published,
                },
                report_created=True,
            )
            if created:
                initiative.categories.set(categories[slug] for slug in item["categories"])
                initiative.partners.set(partners[name] for name in item["partners"])

        self.stdout.write(
            self.style.SUCCESS(f"19th RTC Heads Meeting: {self.created} records created.")
            if self.created
            else "19th RTC Heads Meeting: all records already present; nothing changed."
        )

    def get_or_create(self, model, defaults, report_created=False, **lookup):
        instance, created = model.objects.get_or_create(defaults=defaults, **lookup)
        self.created += created
        return (instance, created) if report_created else instance
