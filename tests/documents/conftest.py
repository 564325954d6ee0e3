import pytest

from tests.support.object_storage import S3Server


@pytest.fixture(autouse=True)
def documents_tasks_at_once(tasks_at_once):
    """Text extraction runs when the upload's transaction commits, inside the test; the
    worker of the database backend has its own test (test_tasks.py)."""


@pytest.fixture(scope="session")
def s3_server():
    server = S3Server().start()
    yield server
    server.stop()


@pytest.fixture(params=["filesystem", "s3"])
def storage_backend(request, settings, tmp_path, db):
    """Each test using it runs on the local file system and on S3-compatible storage; it
    returns a function listing the stored files' names."""
    if request.param == "filesystem":
        settings.MEDIA_ROOT = tmp_path / "media"
        return lambda: sorted(
            str(path.relative_to(settings.MEDIA_ROOT))
            for path in settings.MEDIA_ROOT.rglob("*")
            if path.is_file()
        )
    server = request.getfixturevalue("s3_server")
    bucket = server.new_bucket()
    # Changing STORAGES resets django.core.files.storage.default_storage (Django's test signals).
    settings.STORAGES = {**settings.STORAGES, "default": server.storages_setting(bucket)}
    return lambda: sorted(server.keys(bucket))
