"""The document's stylesheet and the fonts its @font-face rules load: which files they are, and
every character they can print. Reads font files with fontTools only, so forms can ask what is
printable without loading WeasyPrint."""

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from fontTools.ttLib import TTFont

DOCUMENT_STYLESHEET = "roles/document.css"


def stylesheet_path() -> Path:
    return Path(finders.find(DOCUMENT_STYLESHEET))


def font_files() -> list[Path]:
    """The font files the document stylesheet's @font-face rules load, in order."""
    css = stylesheet_path().read_text(encoding="utf-8")
    found = []
    for url in re.findall(r'url\("\.\./([^"]+\.(?:ttf|otf))"\)', css):
        path = finders.find(url)
        if path:
            found.append(Path(path))
    return found


@lru_cache(maxsize=1)
def printable_codepoints() -> frozenset[int]:
    """Every code point some font of the document has a glyph for (read once per process)."""
    codepoints: set[int] = set()
    for path in font_files():
        with TTFont(path, lazy=True) as font:
            codepoints.update(cp for cp in font.getBestCmap() if cp >= 0x20)
    return frozenset(codepoints)


@lru_cache(maxsize=1)
def stylesheet_digest(renderer_version: str) -> str:
    """A fingerprint of the stylesheet and the fonts it names."""
    digest = hashlib.sha256(renderer_version.encode())
    digest.update(stylesheet_path().read_bytes())
    for path in font_files():
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    return digest.hexdigest()
