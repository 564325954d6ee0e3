"""`manage.py load_public_record [--meeting N ...] [--restore]`: the record's files into the
database (public_record/loader.py), with a count of what it created."""

from django.core.management.base import BaseCommand, CommandError

from public_record.loader import load_record
from public_record.reader import RecordError


class Command(BaseCommand):
    help = (
        "Load the public record of the RTC Heads Meetings from data/record/, published. "
        "Creates only what is missing; never changes a record that exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--meeting",
            type=int,
            action="append",
            dest="meetings",
            help="Load only this meeting (a number; repeat for more) and what it refers to.",
        )
        parser.add_argument(
            "--restore",
            action="store_true",
            help="Also re-create the records it loaded before that have since been deleted.",
        )

    def handle(self, *args, meetings=None, restore=False, **options):
        try:
            loader = load_record(meetings, restore=restore)
        except RecordError as error:
            raise CommandError(f"The record has mistakes; nothing was loaded:\n{error}") from None
        counts = ", ".join(f"{count} {name}" for name, count in loader.created.items() if count)
        self.stdout.write(
            self.style.SUCCESS(f"Public record: created {counts}.")
            if counts
            else "Public record: all records already present; nothing changed."
        )
        if loader.kept_deleted:
            kept = ", ".join(f"{count} {name}" for name, count in loader.kept_deleted.items())
            self.stdout.write(
                f"Left deleted, as the secretariat deleted them: {kept} "
                "(--restore re-creates them)."
            )
