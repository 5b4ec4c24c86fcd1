"""schemathesis against the API as it is served (#29): gunicorn on 127.0.0.1, the seeded
templates and levels, a person with drafts in every review state and a token with every scope.
Every operation of the schema is exercised (none excluded), every check on: no 5xx, no status,
content type, header or body outside what the schema declares, no operation that answers
without its token. Bounded: a fixed seed, two workers, at most 300 s; the document exports
(each a render) at most 20 examples each. Once per CI run (``server``), not once per database."""

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
SEED = 20261203

CONFIG = """
# Written by tests/api/test_schemathesis.py for one run.
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
            "--max-examples", "50",
            "--request-timeout", "30",
            "--no-color",
            "--generation-database", "none",
            "--report", "junit",
            "--report-dir", str(tmp_path / "report"),
        ]  # fmt: skip
        result = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=RUN_SECONDS
        )
    output = result.stdout + result.stderr
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "schemathesis.txt").write_text(output)
    assert result.returncode == 0, output[-6000:]
