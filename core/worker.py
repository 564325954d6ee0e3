"""The task worker's bounds: every task runs with a time and a memory limit, and every task
ends in a state its record shows with the reason, even when the worker running it died.

django-tasks-db's `db_worker` runs each task inside its own process, with no limit of either
kind; `manage.py db_worker` is the portal's version of it (core/management/commands/
db_worker.py), which runs each task through `BoundedWorker`:

- Each task runs in a child process forked for it. The child's address space is capped at
  settings.TASK_MEMORY_LIMIT_MB (RLIMIT_AS: past it, allocations fail with MemoryError); the
  parent kills the child with SIGKILL at settings.TASK_TIME_LIMIT_SECONDS. Whatever the task
  used goes back to the system when the child ends, so no large task leaves a bloated worker.
- The parent reads the outcome the child recorded. A task that ended without recording one
  (killed at its limit, by a signal, by the kernel) is marked failed at once, with the reason.
- A task whose worker itself died stays "running" in the database. It is found when a worker
  starts, and before each task a worker runs: on the same host, a task whose worker process is
  gone (worker ids are "host:pid"); on any host, a task running for longer than any task may.
  The progress pages of imports look for them too, so a file whose worker died says so while
  its user waits. Each is marked failed.
- Each kind of task tells its own record (an import's state, a document's extraction) through
  the handler it registers with `when_stopped`: "the worker stopped while ... — run it again".

Where a child would not see the same database (the tests' in-memory SQLite, or a test's open
transaction), or where the worker shares its process with other threads (a test's live server
and browser), the task runs in the worker's own process, without the two limits: a fork copies
only the forking thread, and the child of a multi-threaded process can find the state the other
threads were changing half-changed.
"""

import contextlib
import ctypes
import logging
import os
import resource
import signal
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# A task found "running" this long after its time limit is certainly not running: the limit
# would have ended it.
STALE_AFTER_LIMIT = timedelta(minutes=1)
MEMORY_ERROR = "builtins.MemoryError"
PR_SET_PDEATHSIG = 1
HOST = socket.gethostname()[:40]

_when_stopped = {}


def when_stopped(task):
    """Register `handler(reason, *args, **kwargs)` to tell `task`'s own record that the task
    stopped before it could: `reason` completes "the worker stopped while ... (reason)"."""

    def register(handler):
        _when_stopped[task.module_path] = handler
        return handler

    return register


class TaskStopped(Exception):
    """A task's failure, recorded for it when it ended without recording its own."""


def worker_id():
    """ "host:pid": enough for a worker starting on the same host to tell that the worker
    which claimed a task is gone."""
    return f"{HOST}:{os.getpid()}"


def time_limit():
    seconds = settings.TASK_TIME_LIMIT_SECONDS
    return f"{seconds // 60:g} minutes" if seconds >= 120 else f"{seconds:g} seconds"


def time_limit_reason():
    return f"it ran past the {time_limit()} a task may take"


def memory_limit_reason():
    return f"it needed more than the {settings.TASK_MEMORY_LIMIT_MB:,} MB of memory a task may use"


def exit_reason(status):
    """Why a child that ended with wait status `status` recorded no outcome, or None."""
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        if name == "SIGKILL":
            return "it was killed (SIGKILL), most often by the system for lack of memory"
        return f"it ended on {name}"
    code = os.waitstatus_to_exitcode(status)
    return f"it ended unexpectedly (exit status {code})" if code else None


def worker_is_gone(claimed_by, *, starting):
    host, _, pid = claimed_by.rpartition(":")
    if host != HOST or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        # A process reusing a dead worker's pid (a container's pid 1): what it claimed before
        # it started is not running.
        return starting
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    return False


def tell_record(db_task_result, reason):
    handler = _when_stopped.get(db_task_result.task_path)
    if handler is not None:
        args_kwargs = db_task_result.args_kwargs
        handler(reason, *args_kwargs["args"], **args_kwargs["kwargs"])


def end_stopped(db_task_result, reason):
    """Mark a task that stopped without recording its outcome as failed, with `reason`, and
    tell its record; nothing if it recorded an outcome after all."""
    db_task_result.refresh_from_db()
    if db_task_result.status != TaskResultStatus.RUNNING:
        return False
    logger.error("Task %s (%s) stopped: %s", db_task_result.pk, db_task_result.task_path, reason)
    db_task_result.set_failed(TaskStopped(f"The worker stopped while running it: {reason}."))
    tell_record(db_task_result, reason)
    return True


def end_abandoned(*, starting=False, by_age_only=False):
    """Mark failed every task still "running" whose worker is gone, or which has been
    running for longer than any task may. Returns how many. Outside a worker (a web server,
    perhaps in a container of its own that cannot see the worker's processes), by age only."""
    stale = timezone.now() - timedelta(seconds=settings.TASK_TIME_LIMIT_SECONDS)
    stale -= STALE_AFTER_LIMIT
    ended = 0
    for result in DBTaskResult.objects.running():
        claimed_by = result.worker_ids[-1] if result.worker_ids else ""
        if not by_age_only and worker_is_gone(claimed_by, starting=starting):
            reason = "its worker process ended before it did"
        elif result.started_at and result.started_at < stale:
            reason = f"it was still marked running long after the {time_limit()} a task may take"
        else:
            continue
        ended += end_stopped(result, reason)
    return ended


def child_cannot_share_the_database():
    """Whether a child process would see another database than this process: one held in
    this process's memory (the tests' SQLite), or one in a transaction still open here (a
    test's), whose writes no other connection sees."""
    return any(
        (connection.vendor == "sqlite" and connection.is_in_memory_db())
        or connection.in_atomic_block
        for connection in connections.all()
    )


def forking_is_unsafe():
    return child_cannot_share_the_database() or threading.active_count() > 1


def bound_child(parent_pid):
    """In a task's child: the memory limit, the parent's signals left to the parent (which
    lets the task finish on the first Ctrl+C or SIGTERM), and death with the parent."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT):
        signal.signal(signum, signal.SIG_IGN)
    # Not on Linux, there is no prctl: a killed worker may leave its task running to its end.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:
        os._exit(1)  # the parent died before the line above could take effect
    limit = settings.TASK_MEMORY_LIMIT_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class BoundedWorker(Worker):
    def run(self):
        ended = end_abandoned(starting=True)
        if ended:
            logger.warning("Marked %s task(s) whose worker had stopped as failed", ended)
        super().run()

    def run_task(self, db_task_result):
        end_abandoned()
        if forking_is_unsafe():
            super().run_task(db_task_result)
            self.after(db_task_result, None)
            return
        # Each process opens its own connections: none may be shared across the fork.
        connections.close_all()
        parent_pid = os.getpid()
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                bound_child(parent_pid)
                super().run_task(db_task_result)
                status = 0
            finally:
                try:
                    connections.close_all()
                finally:
                    os._exit(status)
        self.running_task = True
        try:
            reason = self.wait_for(pid)
        except SystemExit:
            # A second Ctrl+C or SIGTERM: the task goes down with the worker, and says so.
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            end_stopped(db_task_result, "its worker was stopped")
            raise
        finally:
            self.running_task = False
        self._run_tasks += 1
        self.after(db_task_result, reason)

    def wait_for(self, pid):
        """The child's end: None, or why it recorded no outcome of its own."""
        deadline = time.monotonic() + settings.TASK_TIME_LIMIT_SECONDS
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return exit_reason(status)
            if time.monotonic() >= deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return time_limit_reason()
            time.sleep(0.05)

    def after(self, db_task_result, reason):
        if reason is not None:
            end_stopped(db_task_result, reason)
            return
        db_task_result.refresh_from_db()
        if db_task_result.exception_class_path == MEMORY_ERROR:
            tell_record(db_task_result, memory_limit_reason())
