"""The task worker on a real database, as a deployment runs it: a check killed at its time
limit or refused memory past its limit fails with the reason, and a worker killed with
SIGKILL in the middle of a check (what a supervisor does after its stop timeout) takes the
check or an import with it and leaves it failed, "run it again", once a worker starts again:
nothing of the import saved, its file kept for the button that runs it again."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url
import pytest
from django.db import connection

from tests.support.servers import (
    ROOT,
    Deployment,
    drop_scratch_database,
    scratch_database_url,
)

pytestmark = pytest.mark.engine

# A check that takes the worker many seconds: 20,000 rows, each looked up and validated.
QUEUE_CHECK = """
from django.core.files.uploadedfile import SimpleUploadedFile
from import_export.formats.base_formats import CSV
from core import imports
from core.tasks import check_spreadsheet
from initiatives.models import Initiative
from initiatives.resources import InitiativeResource

rows = "".join(f"Initiative {row},Japan RTC,19,A summary.,,\\r\\n" for row in range(20000))
upload = SimpleUploadedFile(
    "long.csv", ("title,rtc,meeting,summary,categories,partners\\r\\n" + rows).encode()
)
pending = imports.store(
    upload, user=None, model=Initiative, resource_class=InitiativeResource, format_class=CSV
)
check_spreadsheet.enqueue(pending.pk)
print(pending.pk)
"""

# The confirmed import of as many rows, every one valid, so that the worker writes them in one
# transaction for many seconds.
QUEUE_IMPORT = """
from django.core.files.uploadedfile import SimpleUploadedFile
from import_export.formats.base_formats import CSV
from core import imports
from core.models import SpreadsheetImport
from core.tasks import import_spreadsheet
from initiatives.models import RTC, Initiative
from initiatives.resources import InitiativeResource
from meetings.models import Meeting
from tests.support import factories

if not RTC.objects.filter(name="Japan RTC").exists():
    factories.make_rtc(name="Japan RTC")
if not Meeting.objects.filter(number=19).exists():
    factories.make_meeting(19)
rows = "".join(f"Import {row},Japan RTC,19,A summary.,,\\r\\n" for row in range(20000))
upload = SimpleUploadedFile(
    "long.csv", ("title,rtc,meeting,summary,categories,partners\\r\\n" + rows).encode()
)
pending = imports.store(
    upload, user=None, model=Initiative, resource_class=InitiativeResource, format_class=CSV
)
SpreadsheetImport.objects.filter(pk=pending.pk).update(state=SpreadsheetImport.State.QUEUED)
import_spreadsheet.enqueue(pending.pk)
print(pending.pk)
"""


@pytest.fixture(scope="module")
def deployment(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import connection

    tmp_path = tmp_path_factory.mktemp("task-worker")
    with django_db_blocker.unblock():
        url = scratch_database_url(connection.settings_dict, "tasks", tmp_path)
    deployment = Deployment(url, tmp_path / "static")
    deployment.tmp_path = tmp_path
    try:
        deployment.manage("migrate", "--noinput")
        yield deployment
    finally:
        drop_scratch_database(url)


def query(deployment, sql, *params):
    config = dj_database_url.parse(deployment.env["DATABASE_URL"])
    if config["ENGINE"].endswith("sqlite3"):
        with sqlite3.connect(config["NAME"]) as connection:
            return connection.execute(sql.replace("%s", "?"), params).fetchall()
    import psycopg2

    connection = psycopg2.connect(
        dbname=config["NAME"], host=config["HOST"], port=config["PORT"], user=config["USER"]
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        connection.close()


def queue_check(deployment):
    return int(deployment.manage("shell", "-c", QUEUE_CHECK).split()[-1])


def spreadsheet(deployment, pending_id):
    [(state, problems, size)] = query(
        deployment,
        "SELECT state, problems, LENGTH(data) FROM core_spreadsheetimport WHERE id = %s",
        pending_id,
    )
    return state, json.loads(problems) if isinstance(problems, str) else problems, size


def start_worker(deployment, name, queue="imports", **env):
    log = open(deployment.tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed by stop_worker
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            queue,
            "--interval",
            "0.1",
            "--no-reload",
            "--no-startup-delay",
        ],
        cwd=ROOT,
        env={**deployment.env, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    return process


def stop_worker(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    process.log.close()


def wait_for(condition, timeout=60, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def failed(deployment, pending_id):
    state, problems, size = spreadsheet(deployment, pending_id)
    return (problems, size) if state == "failed" else None


def test_a_check_past_its_time_limit_is_killed_and_fails_with_the_reason(deployment):
    pending_id = queue_check(deployment)
    worker = start_worker(deployment, "time-limit", DJANGO_TASK_TIME_LIMIT_SECONDS="2")
    try:
        problems, size = wait_for(lambda: failed(deployment, pending_id), what="the time limit")
    finally:
        stop_worker(worker)
    assert problems == [
        "The worker stopped while checking the file (it ran past the 2 seconds a task may "
        "take). Nothing was saved and the file is kept — run it again."
    ]
    assert size > 0


def task_results(deployment):
    return query(
        deployment,
        "SELECT args_kwargs, status, exception_class_path, return_value "
        "FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'tests.support.tasks.hold_memory' ORDER BY enqueued_at",
    )


def test_a_task_past_its_memory_limit_fails_and_the_worker_goes_on(deployment):
    deployment.manage(
        "shell",
        "-c",
        "from tests.support.tasks import hold_memory; "
        "hold_memory.enqueue(2000); hold_memory.enqueue(10)",
    )
    worker = start_worker(
        deployment, "memory-limit", DJANGO_TASK_MEMORY_LIMIT_MB="400", queue="default"
    )
    try:
        results = wait_for(
            lambda: (
                (rows := task_results(deployment))
                and all(status in ("SUCCESSFUL", "FAILED") for _, status, _, _ in rows)
                and rows
            ),
            what="both tasks to end",
        )
    finally:
        stop_worker(worker)
    assert [(status, error) for _, status, error, _ in results] == [
        ("FAILED", "builtins.MemoryError"),
        ("SUCCESSFUL", ""),
    ]


def kill_worker_mid_task(deployment, pending_id, state, name):
    """Start a worker, SIGKILL it once the file's task is `state` in its own process, and
    let a new worker start: the file's (problems, stored size) once it is failed."""
    worker = start_worker(deployment, name)
    try:
        wait_for(lambda: spreadsheet(deployment, pending_id)[0] == state, what=state)
        [child] = wait_for(lambda: children(worker.pid), what="the task's process")
        # Well into its rows.
        time.sleep(1)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    finally:
        stop_worker(worker)
    # The task's process goes down with its worker instead of running on unwatched.
    wait_for(lambda: not alive(child), timeout=10, what="the task's process to end")
    # What the admin showed, before, for ever: "Checking the file" / "Importing now".
    assert spreadsheet(deployment, pending_id)[0] == state

    restarted = start_worker(deployment, f"{name}-restarted")
    try:
        return wait_for(lambda: failed(deployment, pending_id), timeout=30)
    finally:
        stop_worker(restarted)


def test_a_check_whose_worker_was_killed_fails_once_a_worker_starts_again(deployment):
    pending_id = queue_check(deployment)
    problems, size = kill_worker_mid_task(deployment, pending_id, "checking", "killed")
    assert problems == [
        "The worker stopped while checking the file (its worker process ended before it did). "
        "Nothing was saved and the file is kept — run it again."
    ]
    assert size > 0


def test_an_import_whose_worker_was_killed_saves_nothing_and_can_run_again(deployment):
    pending_id = int(deployment.manage("shell", "-c", QUEUE_IMPORT).split()[-1])
    problems, size = kill_worker_mid_task(deployment, pending_id, "running", "killed-importing")
    assert problems == [
        "The worker stopped while importing the file (its worker process ended before it "
        "did). Nothing was saved and the file is kept — run it again."
    ]
    # The import writes every row in one transaction, which the kill rolled back.
    assert query(deployment, "SELECT COUNT(*) FROM initiatives_initiative") == [(0,)]
    assert size > 0, "the file is kept for the Run it again button"
    can_run_again = deployment.manage(
        "shell",
        "-c",
        "from core.models import SpreadsheetImport; "
        f"print(SpreadsheetImport.objects.get(pk={pending_id}).can_run_again)",
    )
    assert can_run_again.split()[-1] == "True"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has one writer at a time: a check's transaction holds every other task",
)
def test_a_slow_check_holds_no_other_kind_of_work(deployment):
    """A worker per queue, as deployed: while the imports' worker is busy with a long check,
    the worker of another queue runs its task at once."""
    pending_id = queue_check(deployment)
    imports = start_worker(deployment, "imports-busy", queue="imports")
    others = start_worker(deployment, "others", queue="exports,default")
    try:
        wait_for(lambda: children(imports.pid), what="the check's process")
        deployment.manage(
            "shell", "-c", "from tests.support.tasks import hold_memory; hold_memory.enqueue(1)"
        )
        wait_for(
            lambda: query(
                deployment,
                "SELECT 1 FROM django_tasks_database_dbtaskresult "
                "WHERE task_path = 'tests.support.tasks.hold_memory' "
                "AND CAST(args_kwargs AS TEXT) LIKE %s AND status = 'SUCCESSFUL'",
                '%"args": [1]%',
            ),
            timeout=30,
            what="the other queue's task",
        )
        assert spreadsheet(deployment, pending_id)[0] == "checking", "the check still runs"
    finally:
        stop_worker(others)
        stop_worker(imports)
