"""The 19th meeting alone, from data/record/meetings/19th.yaml, with what it refers to: the
sources it cites, its bodies, people, programmes and RTCs. What the test suite and the
multi-server checks load; `load_public_record` loads the whole series."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the 19th RTC Heads Meeting's records, published (see load_public_record)."

    def handle(self, *args, **options):
        call_command("load_public_record", meeting=[19], stdout=self.stdout)
