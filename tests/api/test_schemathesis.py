"""An outside client checks the API against its own schema: schemathesis, from the OpenAPI
schema the live server publishes, sends generated requests, valid and invalid, to every
operation and applies its default checks (no 5xx, every answer documented and shaped as the
schema says, valid input accepted, invalid input refused)."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.page_types import attach_sample_documents

pytestmark = [pytest.mark.engine, pytest.mark.django_db(transaction=True)]

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
# Examples per operation and phase: enough to try every filter, bounded so that the run
# takes a minute or two.
MAX_EXAMPLES = 20


def test_every_operation_passes_schemathesis_default_checks(live_server, public_record):
    attach_sample_documents()
    run = subprocess.run(
        [
            SCHEMATHESIS,
            "run",
            f"{live_server.url}/api/v1/schema/",
            f"--max-examples={MAX_EXAMPLES}",
            "--workers=1",
            "--seed=1",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # The run's phases and counts (operations, test cases, failures): pytest -s shows them.
    print(run.stdout)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
