import pytest

from tests.support.record_files import copy_record


@pytest.fixture
def record_copy(tmp_path, monkeypatch):
    """A copy of data/record/ to break, which the reader and the command then read."""
    return copy_record(tmp_path, monkeypatch)
