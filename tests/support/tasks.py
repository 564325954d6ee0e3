"""A task for the worker's tests (tests/deploy/test_task_worker.py): it asks for as much memory
as it is told, as a file that unpacks to far more than it weighs would."""

from django_tasks import task


@task(queue_name="default")
def hold_memory(megabytes):
    block = bytearray(megabytes * 1024 * 1024)
    return len(block) // (1024 * 1024)
