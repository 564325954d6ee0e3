from django.core.management.base import BaseCommand

from documents.backups import back_up


class Command(BaseCommand):
    help = "Copy every stored document file (and thumbnail) into a folder, for a backup."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, folder, **options):
        copied = back_up(folder)
        self.stdout.write(f"{copied} file(s) copied to {folder}.")
