"""The production settings with one address that takes as long as it is told to
(tests/support/slow_urls.py): for the tests of the request deadline and gunicorn's timeout
against real servers (tests/deploy/test_request_limits.py)."""

from rtcportal.settings import *  # noqa: F403

ROOT_URLCONF = "tests.support.slow_urls"
