import importlib
import os
import shutil

import pytest
from django.apps import apps as django_apps
from pytest_django.plugin import blocking_manager_key

from core.groups import create_secretariat_group
from tests.support import factories
from tests.support import preloaded as preloaded_records

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if preloaded_records.uses_database(item) and "_preload" not in item.fixturenames:
            # Set up first of all, before pytest-django opens the test's own transaction.
            item.fixturenames.insert(0, "_preload")
    # Within a module, the tests that share the same preloaded records run one after another,
    # so that each module loads them once at most (within each of pytest-django's groups).
    modules, groups = {}, {}
    for item in items:
        module = modules.setdefault(item.path, len(modules))
        records = preloaded_records.records_to_preload(item)
        groups.setdefault((module, records), len(groups))
    # pytest-django's order comes first: committing tests flush what data migrations made.
    items.sort(
        key=lambda item: (
            preloaded_records.django_order(item),
            groups[modules[item.path], preloaded_records.records_to_preload(item)],
        )
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A committing test ends with a flush, which empties what `migrate` made besides the schema
    (the reference data of core's migrations and the secretariat's groups). Make it again, so
    the next test finds the database as `migrate` left it, whichever test ran before it: with
    several processes a module's committing tests can run before another module's tests."""
    yield
    # After the last test the test database is gone, and the settings name the real one again.
    if nextitem is None or not preloaded_records.commits(item):
        return
    from core.groups import build_groups

    reference_data = importlib.import_module("core.migrations.0003_reference_data")
    country_adjectives = importlib.import_module("core.migrations.0005_country_adjectives")
    with item.config.stash[blocking_manager_key].unblock():
        reference_data.add_reference_data(django_apps, schema_editor=None)
        country_adjectives.add_synonyms(django_apps, schema_editor=None)
        build_groups(django_apps)


@pytest.fixture(scope="session")
def preloaded(django_db_setup, django_db_blocker):
    """The records loaded once for the tests that share them (tests/support/preloaded.py)."""
    records = preloaded_records.Preloaded(django_db_blocker)
    yield records
    records.roll_back()


@pytest.fixture
def _preload(request, preloaded):
    preloaded.switch_to(preloaded_records.records_to_preload(request.node))


@pytest.fixture
def seeded(db, preloaded):
    """The 19th meeting's records, as `load_public_record --meeting 19` loads them."""
    if "seeded" not in preloaded:
        factories.load_19th_meeting()


@pytest.fixture
def seeded_with_documents(seeded):
    """The 19th meeting's records with published documents on the pages that list them."""
    from tests.support.page_types import attach_sample_documents

    attach_sample_documents()


@pytest.fixture
def public_record(db, preloaded):
    """The whole public record, every meeting, as `make run` loads it."""
    if "public_record" not in preloaded:
        factories.load_public_record()


@pytest.fixture
def secretariat_user(db):
    user = factories.make_user("secretary", is_staff=True)
    # The group as every migrate and flush builds it (core.apps), fetched or made again.
    user.groups.add(create_secretariat_group(django_apps))
    return user


@pytest.fixture(scope="session")
def browser():
    """Real headless Chromium. Skips where there is none, except in CI, where it must run."""
    if not shutil.which(CHROMIUM):
        reason = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI must run the browser tests)")
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    # An assertion waits as long as an action may (the contexts' 10 to 15 s), not Playwright's 5 s:
    # a page that refreshes itself every 2 s until the task worker is done can take longer
    # than 5 s to show the result on a loaded 2-core CI machine (seen in CI at 990c922).
    expect.set_options(timeout=15_000)
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # calls in the test body are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A 320 px wide, 640 px tall screen, the narrowest the portal supports."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _user_in_group(username, make_group):
    user = factories.make_user(username, is_staff=True)
    # The group as every migrate and flush builds it (core.apps), fetched or made again.
    user.groups.add(make_group(django_apps))
    return user


@pytest.fixture
def editor_user(db):
    """In "Secretariat editors": creates and edits, sends for review, cannot publish."""
    from core.groups import create_editor_group

    return _user_in_group("editor", create_editor_group)


@pytest.fixture
def reviewer_user(db):
    """In "Secretariat reviewers": also publishes and unpublishes."""
    from core.groups import create_reviewer_group

    return _user_in_group("reviewer", create_reviewer_group)


@pytest.fixture
def demo_meeting(seeded):
    """The 19th meeting plus a second, fictional one (tests only), for pages across meetings."""
    from tests.support.demo_meeting import load_demo_meeting

    return load_demo_meeting()


@pytest.fixture
def tasks_at_once(settings):
    """Background tasks run as they are enqueued (django-tasks' immediate backend) instead of
    waiting for a worker, as `manage.py db_worker` would run them."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
