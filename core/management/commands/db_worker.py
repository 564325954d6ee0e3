"""`manage.py db_worker`: django-tasks-db's worker, each task bounded in time and memory and
every task ended with its reason (core/worker.py). It takes the same options; `core` comes
before `django_tasks_db` in INSTALLED_APPS, so this command is the one that runs.

Run one worker per queue (settings.TASK_QUEUES) so that one slow kind of work never holds
the others: `db_worker --queue-name imports`, `--queue-name documents`, and so on."""

from django.conf import settings
from django_tasks_db.management.commands import db_worker

from core.worker import BoundedWorker, worker_id


class Command(db_worker.Command):
    help = (
        "Run the background tasks of one or more queues, each in a child process limited to "
        f"DJANGO_TASK_TIME_LIMIT_SECONDS and DJANGO_TASK_MEMORY_LIMIT_MB. Queues: "
        f"{', '.join(settings.TASK_QUEUES)}."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Every queue unless told which: one worker process serves a small site.
        parser.set_defaults(worker_id=worker_id(), queue_name="*")

    def handle(self, *args, **options):
        # The library's handle() builds the worker from its module's `Worker`: for as long as
        # this command runs, that is ours.
        library_worker = db_worker.Worker
        db_worker.Worker = BoundedWorker
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = library_worker
