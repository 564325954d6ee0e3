from django.core.management.base import BaseCommand, CommandError

from documents.backups import DamagedCopy, restore


class Command(BaseCommand):
    help = "Put back into storage the document files a backup folder holds and storage lacks."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, folder, **options):
        try:
            restored = restore(folder)
        except DamagedCopy as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{restored} file(s) restored from {folder}.")
