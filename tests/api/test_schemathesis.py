"""schemathesis against the API as it is served (#29): gunicorn on 127.0.0.1, the seeded
templates and levels, a person with drafts in every review state and a token with every scope.
Every operation of the schema is exercised (none excluded), every check on: no 5xx, no status,
content type, header or body outside what the schema declares, no operation that answers
without its token. Bounded: a fixed seed, two workers, at most 300 s (90 s of fuzzing, which
keeps `make test` within its budget); the document exports (each a render) at most 20 examples
each. Once per CI run (``server``), not once per database."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.api import ALL_SCOPES, make_token
from tests.helpers.data import director_template, make_draft, make_user
from tests.helpers.project import ROOT, gunicorn_server
from tests.helpers.review import approve, make_reviewer, submit_for_review

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

#: The run's bound: the test fails rather than run longer.
RUN_SECONDS = 300
#: Fuzzing's own budget inside it: it stops there and reports what it found.
FUZZ_SECONDS = 90
SEED = 20261203

CONFIG = """
# Written by tests/api/test_schemathesis.py for one run.
# A request the schema allows may still be refused by what the schema cannot say: a template,
# level or reviewer that does not exist (400), a review step the draft's state does not allow
# (409, 422), a version that moved on or an If-Match of "*" (412, 428), a JSON-LD export of a
# draft without a posting date (422), a webhook address that does not resolve (400). Those
# answers are documented problems; every other check (5xx, status codes, content types,
# headers, bodies, ignored authentication) stays as schemathesis has it.
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "412", "422", "428", "429"]

# A request the schema forbids is refused; besides schemathesis's list, a stale If-Match is
# refused before the body is read (412), and a URL over gunicorn's request-line limit before
# the app sees it (414).
[checks.negative_data_rejection]
expected-statuses = [
    "400", "401", "403", "404", "405", "406", "409", "412", "414", "415", "422", "428", "429"
]

[[operations]]
include-path-regex = "/documents/|/pdf"
generation.max-examples = 20
"""


def seeded_person():
    """Alice with drafts of both templates, one in review and one approved (its PDF stored),
    and Bob's draft, which she may not read."""
    alice, reviewer = make_user("alice"), make_reviewer("rita")
    make_draft(alice)
    submit_for_review(make_draft(alice, template=director_template()), reviewer)
    approve(make_draft(alice), reviewer)
    make_draft(make_user("bob"))
    return alice


def test_schemathesis_finds_nothing(tmp_path: Path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    alice = seeded_person()
    _, token = make_token(alice, ALL_SCOPES)
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    with gunicorn_server(workers=2, DJANGO_MEDIA_ROOT=str(settings.MEDIA_ROOT)) as (base, _):
        command = [
            str(Path(sys.executable).with_name("schemathesis")),
            "--config-file", str(config),
            "run", f"{base}/api/v1/schema/",
            "--checks", "all",
            "--header", f"Authorization: Bearer {token}",
            "--workers", "2",
            "--seed", str(SEED),
            "--max-examples", "10",
            "--max-time", str(FUZZ_SECONDS),
            "--phases", "examples,fuzzing",
            "--request-timeout", "30",
            "--no-color",
            "--generation-database", "none",
            "--report", "junit",
            "--report-dir", str(tmp_path / "report"),
        ]  # fmt: skip
        try:
            result = subprocess.run(
                command, cwd=tmp_path, capture_output=True, text=True, timeout=RUN_SECONDS
            )
            output, code = result.stdout + result.stderr, result.returncode
        except subprocess.TimeoutExpired as expired:
            parts = (expired.stdout or b"", expired.stderr or b"")
            output = "".join(p.decode() if isinstance(p, bytes) else p for p in parts)
            output += f"\nStopped after {RUN_SECONDS} s."
            code = None
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "schemathesis.txt").write_text(output)
    assert code == 0, output[-6000:]
