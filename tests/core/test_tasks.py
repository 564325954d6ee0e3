"""Every task ends in a state its record shows: a check or an import whose worker stopped is
failed with the reason, keeps its file, and runs again from a button; a task whose worker is
alive is left alone."""

import os
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from import_export.formats.base_formats import CSV

from core import imports, worker
from core.admin import admin_url
from core.models import SpreadsheetImport
from core.tasks import check_spreadsheet, import_spreadsheet
from initiatives.models import Initiative
from initiatives.resources import InitiativeResource

CSV_ROWS = b"title,rtc,meeting,summary,categories,partners\r\nVR lab,Japan RTC,19,A lab.,,\r\n"


@pytest.fixture
def database_tasks(settings):
    """Tasks queued in the database, as in production, for a worker to claim."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }


def stored(user, state=SpreadsheetImport.State.CHECKING):
    pending = imports.store(
        SimpleUploadedFile("rows.csv", CSV_ROWS),
        user=user,
        model=Initiative,
        resource_class=InitiativeResource,
        format_class=CSV,
    )
    SpreadsheetImport.objects.filter(pk=pending.pk).update(state=state)
    return pending


def claimed(task, pending, *, by, started=None):
    """The task queued for `pending` and claimed by worker `by`, as a worker claims it."""
    result = DBTaskResult.objects.get(pk=task.enqueue(pending.pk).id)
    result.claim(by)
    if started:
        DBTaskResult.objects.filter(pk=result.pk).update(started_at=started)
    return result


def dead_worker():
    """The id a worker on this host had, whose process is gone."""
    return f"{worker.HOST}:{2**22 + 12345}"


def test_a_check_whose_worker_died_fails_with_the_reason_and_keeps_its_file(
    editor_user, database_tasks
):
    pending = stored(editor_user)
    result = claimed(check_spreadsheet, pending, by=dead_worker())
    assert worker.end_abandoned(starting=True) == 1
    pending.refresh_from_db()
    assert pending.state == SpreadsheetImport.State.FAILED
    assert pending.problems == [
        "The worker stopped while checking the file (its worker process ended before it "
        "did). Nothing was saved and the file is kept — run it again."
    ]
    assert bytes(pending.data) == CSV_ROWS
    assert pending.can_run_again
    result.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED
    assert result.exception_class_path == "core.worker.TaskStopped"


def test_an_import_found_running_past_any_tasks_limit_is_ended_by_age(
    editor_user, database_tasks, settings
):
    pending = stored(editor_user, state=SpreadsheetImport.State.RUNNING)
    long_ago = timezone.now() - timedelta(seconds=settings.TASK_TIME_LIMIT_SECONDS + 120)
    claimed(import_spreadsheet, pending, by="another-host:1", started=long_ago)
    assert worker.end_abandoned(by_age_only=True) == 1
    pending.refresh_from_db()
    assert pending.state == SpreadsheetImport.State.FAILED
    assert pending.problems[0].startswith(
        "The worker stopped while importing the file (it was still marked running long "
        "after the 10 minutes a task may take)."
    )


def test_a_task_whose_worker_is_alive_is_left_running(editor_user, database_tasks):
    pending = stored(editor_user)
    # This process stands for a live worker on this host; another host's is not looked into.
    claimed(check_spreadsheet, pending, by=f"{worker.HOST}:{os.getppid()}")
    claimed(check_spreadsheet, stored(editor_user), by="another-host:1")
    assert worker.end_abandoned() == 0
    pending.refresh_from_db()
    assert pending.state == SpreadsheetImport.State.CHECKING


def test_the_import_page_of_a_stopped_file_offers_to_run_it_again(
    client, editor_user, tasks_at_once, seeded
):
    client.force_login(editor_user)
    pending = stored(editor_user)
    SpreadsheetImport.objects.filter(pk=pending.pk).update(
        state=SpreadsheetImport.State.FAILED, problems=["The worker stopped while checking."]
    )
    url = admin_url(Initiative, "import_progress", pending.pk)
    page = client.get(url)
    assert "Nothing was imported: the work stopped before it ended" in page.text
    assert 'value="Run it again"' in page.text
    answer = client.post(url, {"run_again": "1"})
    assert answer.status_code == 302
    pending.refresh_from_db()
    assert pending.state == SpreadsheetImport.State.CHECKED, pending.problems
    assert 'value="Confirm import"' in client.get(url).text


def test_a_file_that_failed_on_its_rows_has_nothing_to_run_again(
    client, editor_user, tasks_at_once
):
    client.force_login(editor_user)
    pending = stored(editor_user)
    imports.finish(pending, problems=["Row 2, column “rtc”: no such RTC."])
    url = admin_url(Initiative, "import_progress", pending.pk)
    assert not SpreadsheetImport.objects.get(pk=pending.pk).can_run_again
    assert "Run it again" not in client.get(url).text
    client.post(url, {"run_again": "1"})
    assert SpreadsheetImport.objects.get(pk=pending.pk).state == SpreadsheetImport.State.FAILED


def test_only_the_files_owner_runs_it_again(editor_user, database_tasks):
    pending = stored(editor_user)
    SpreadsheetImport.objects.filter(pk=pending.pk).update(state=SpreadsheetImport.State.FAILED)
    someone_else = User.objects.create_user("someone")
    assert not imports.run_again(pending, someone_else)
    assert imports.run_again(pending, editor_user)


def test_the_import_page_ends_an_import_whose_worker_died_long_ago(
    client, editor_user, database_tasks, settings
):
    """No worker need start again: the page its user waits on finds it by age."""
    client.force_login(editor_user)
    pending = stored(editor_user, state=SpreadsheetImport.State.RUNNING)
    long_ago = timezone.now() - timedelta(seconds=settings.TASK_TIME_LIMIT_SECONDS + 120)
    claimed(import_spreadsheet, pending, by="another-host:1", started=long_ago)
    page = client.get(admin_url(Initiative, "import_progress", pending.pk))
    assert "Nothing was imported: the work stopped before it ended" in page.text
    assert "still marked running long after the 10 minutes a task may take" in page.text
    assert 'value="Run it again"' in page.text
