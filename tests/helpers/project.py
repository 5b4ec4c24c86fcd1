"""The project's own machinery: its settings module under a given environment."""

import runpy
from pathlib import Path

from django.conf import settings as django_settings


def settings_from_env(monkeypatch, **env: str) -> dict:
    """The project's settings module, run afresh with ``env`` added to the environment."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(django_settings.BASE_DIR) / "jdbuilder" / "settings.py"))
