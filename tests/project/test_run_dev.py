"""`make run` (scripts/run-dev.sh): e-mail links point at the port it serves on (#27)."""

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "run-dev.sh"


def run_with_recording_python(tmp_path, **env) -> list[str]:
    """Run the script with a stand-in for Python that records the site address each process
    it starts (the worker, the web server) would use, and exits."""
    record = tmp_path / "site-urls"
    python = tmp_path / "python"
    # The web server's stand-in waits for the worker's line: the script stops the worker as
    # soon as the server ends.
    python.write_text(
        "#!/bin/sh\n"
        'if [ "$2" = runserver ]; then\n'
        f"  i=0; while [ ! -s {record} ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\n"
        "fi\n"
        f'echo "$DJANGO_SITE_URL" >> {record}\n'
    )
    python.chmod(0o755)
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SITE_URL"} | env
    subprocess.run([str(SCRIPT), str(python), "127.0.0.1:8123"], env=environment, timeout=30)
    return sorted(record.read_text().split())


def test_email_links_follow_the_port_make_run_serves_on(tmp_path):
    assert run_with_recording_python(tmp_path) == ["http://127.0.0.1:8123"] * 2


def test_a_configured_site_address_wins(tmp_path):
    urls = run_with_recording_python(tmp_path, DJANGO_SITE_URL="https://jd.example.com")
    assert urls == ["https://jd.example.com"] * 2
