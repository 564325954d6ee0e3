"""Many people saving in the admin at once, while the task worker imports spreadsheets: every
save lands and none answers 500 (on SQLite that takes WAL, IMMEDIATE transactions and a busy
timeout; in-memory test databases cannot show it, so this runs real servers on a file)."""

import threading
from collections import Counter

import pytest

from tests.support.servers import (
    PASSWORD,
    Browser,
    Deployment,
    drop_scratch_database,
    free_port,
    scratch_database_url,
    task_worker,
)

pytestmark = pytest.mark.engine

EDITORS = 8
SAVES_EACH = 6
SPREADSHEETS = 6
ROWS_EACH = 150

# Spreadsheets of new initiatives, queued as the admin queues them: half for their dry run,
# half confirmed for the import, so the worker holds the write lock through long transactions.
QUEUE_SPREADSHEETS = f"""
from django.contrib.auth.models import User
from import_export.formats.base_formats import CSV
from core import imports
from core.models import SpreadsheetImport
from core.tasks import check_spreadsheet, import_spreadsheet
from initiatives.models import Initiative
from initiatives.resources import InitiativeResource
from django.core.files.uploadedfile import SimpleUploadedFile

user = User.objects.get(username="operator")
for number in range({SPREADSHEETS}):
    rows = "".join(
        f"Queued {{number}}-{{row}},Japan RTC,19,A summary.,,\\r\\n" for row in range({ROWS_EACH})
    )
    upload = SimpleUploadedFile(
        f"queued-{{number}}.csv",
        ("title,rtc,meeting,summary,categories,partners\\r\\n" + rows).encode(),
    )
    pending = imports.store(
        upload, user=user, model=Initiative, resource_class=InitiativeResource, format_class=CSV
    )
    if number % 2:
        SpreadsheetImport.objects.filter(pk=pending.pk).update(state=SpreadsheetImport.State.QUEUED)
        import_spreadsheet.enqueue(pending.pk)
    else:
        check_spreadsheet.enqueue(pending.pk)
"""

COUNT_SAVED = (
    "from initiatives.models import Category; "
    "print(Category.objects.filter(name__startswith='Concurrent ').count())"
)


@pytest.fixture(scope="module")
def deployment_with_worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """`make run`'s setup on its own database file: a server with several workers beside one
    task worker."""
    from django.db import connection

    tmp_path = tmp_path_factory.mktemp("concurrent-saves")
    with django_db_blocker.unblock():
        url = scratch_database_url(connection.settings_dict, "saves", tmp_path)
    deployment = Deployment(url, tmp_path / "static")
    try:
        deployment.set_up()
        server = deployment.start(free_port(), workers=4, log_path=tmp_path / "gunicorn.log")
        with task_worker(deployment, tmp_path / "worker.log"):
            yield deployment, server
    finally:
        deployment.stop()
        drop_scratch_database(url)


def save_categories(server, editor, answers, lock):
    """One editor signs in and adds categories one after another, as fast as the server lets;
    every answer to a submitted form is counted by its status."""
    # A save may wait for the write lock for as long as the database's busy timeout.
    browser = Browser(timeout=60)

    def submit(path, form):
        page = browser.request(server, path, form)
        with lock:
            answers[page.status] += 1

    login = browser.request(server, "/admin/login/").form()
    login.update(username="operator", password=PASSWORD)
    submit("/admin/login/", login)
    for number in range(SAVES_EACH):
        form = browser.request(server, "/admin/initiatives/category/add/").form()
        form.update(name=f"Concurrent {editor}-{number}", slug=f"concurrent-{editor}-{number}")
        submit("/admin/initiatives/category/add/", form)


def test_concurrent_admin_saves_beside_the_task_worker_all_land_without_a_server_error(
    deployment_with_worker,
):
    deployment, server = deployment_with_worker
    deployment.manage("shell", "-c", QUEUE_SPREADSHEETS)
    answers, lock = Counter(), threading.Lock()
    editors = [
        threading.Thread(target=save_categories, args=(server, editor, answers, lock))
        for editor in range(EDITORS)
    ]
    for editor in editors:
        editor.start()
    for editor in editors:
        editor.join(timeout=600)
    assert answers == {302: EDITORS * (1 + SAVES_EACH)}
    # The shell's last line is the count; the lines before it list what it imported.
    saved = deployment.manage("shell", "-c", COUNT_SAVED).split()[-1]
    assert saved == str(EDITORS * SAVES_EACH)
