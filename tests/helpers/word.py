"""Word files read back: with python-docx, and through LibreOffice as a person would open them.

LibreOffice comes from Debian (`apt-get install libreoffice-writer-nogui`). Without it the tests
marked ``libreoffice`` are skipped with a reason, except in CI (CI=true), where they fail."""

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document

SOFFICE = shutil.which("soffice")


def read_docx(data: bytes):
    assert data.startswith(b"PK"), data[:20]
    return Document(io.BytesIO(data))


def require_libreoffice() -> str:
    if SOFFICE:
        return SOFFICE
    message = "LibreOffice not found: install it with `apt-get install libreoffice-writer-nogui`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def libreoffice_pdf(docx: bytes) -> bytes:
    """``docx`` opened by LibreOffice (headless, with a profile of its own, so runs cannot
    collide) and saved as PDF. Fails if LibreOffice cannot open or convert it."""
    soffice = require_libreoffice()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "document.docx").write_bytes(docx)
        result = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{folder / 'profile'}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(folder / "document.docx"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        converted = folder / "document.pdf"
        assert result.returncode == 0 and converted.exists(), result.stdout + result.stderr
        return converted.read_bytes()
