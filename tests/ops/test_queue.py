"""The task queue as the web sees it (``roles/ops/queue.py``)."""

import os
import subprocess
import sys

from tests.helpers.project import ROOT


def test_a_web_process_on_the_database_backend_loads_no_rq():
    """Redis and RQ are imported only where the RQ backend is in use: every view, the admin and
    the queue's reads load without them."""
    code = (
        "import sys, django\n"
        "django.setup()\n"
        "import jdbuilder.urls, roles.ops.queue\n"
        "print(' '.join(name for name in ('rq', 'django_rq') if name in sys.modules) or 'none')"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "TASKS_BACKEND": "database"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"
