"""Checking and cleaning an uploaded logo before it is stored and printed."""

import io
import re
import xml.etree.ElementTree as ET

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from PIL import Image, UnidentifiedImageError

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 4000 * 4000  # anything larger is refused before it is decoded (image bombs)
LOGO_MAX_WIDTH = 1200

_SVG_NS = "{http://www.w3.org/2000/svg}"
_FORBIDDEN_SVG_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "audio", "video"}
# url() to anything but a fragment, image-set() (which takes bare strings as URLs) and src(),
# and @import; checked after CSS escapes are decoded ("u\72l(" is "url(").
_EXTERNAL_REFERENCE = re.compile(r"url\(\s*['\"]?(?!#)|image-set\(|src\(|@import", re.I)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.S)
#: The elements that change another attribute over time: one could turn a harmless
#: href="#top" into javascript: after the file was checked.
_ANIMATION_ELEMENTS = {"animate", "set", "animateMotion", "animateTransform", "discard"}


def clean_logo(upload) -> ContentFile:
    """Return the logo as a safe file: pictures re-encoded as PNG, SVGs checked for anything active.

    Raise ``ValidationError`` with a message for the person uploading.
    """
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError("The logo must be at most 1 MB.")
    data = upload.read()
    stem = get_valid_filename(upload.name.rsplit(".", 1)[0])[:60] or "logo"
    if data.lstrip()[:5] in (b"<?xml", b"<svg ", b"<svg>", b"<!--") or upload.name.lower().endswith(
        ".svg"
    ):
        return ContentFile(_clean_svg(data), name=f"{stem}.svg")
    return ContentFile(_reencode_picture(data), name=f"{stem}.png")


#: The width of an SVG logo's PNG copy: sharp at the 4.5 cm the Word export gives it.
LOGO_PNG_WIDTH = 600


def logo_png_copy(logo: ContentFile) -> ContentFile | None:
    """The PNG copy of a cleaned logo (``clean_logo``) if it is an SVG; None for a PNG."""
    if not logo.name.endswith(".svg"):
        return None
    logo.seek(0)
    png = svg_png_copy(logo.read())
    logo.seek(0)
    return ContentFile(png, name=logo.name.removesuffix(".svg") + ".png")


def svg_png_copy(svg: bytes) -> bytes:
    """A PNG of a cleaned SVG logo, for the formats that cannot take SVG (Word). CairoSVG in its
    safe mode: no entities, no file or network access (``_clean_svg`` has refused any link
    already). Raise ``ValidationError`` if the SVG cannot be drawn."""
    import cairosvg  # loads Cairo: only where a logo is uploaded, not in every web process

    try:
        png = cairosvg.svg2png(bytestring=svg, output_width=LOGO_PNG_WIDTH, unsafe=False)
    except Exception as error:  # CairoSVG raises whatever its parser or Cairo raised
        raise ValidationError("This SVG logo cannot be drawn; upload it as a PNG.") from error
    return _reencode_picture(png)


def _reencode_picture(data: bytes) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ("PNG", "JPEG"):
                raise ValidationError("Upload the logo as a PNG, JPEG or SVG file.")
            if probe.width * probe.height > LOGO_MAX_PIXELS:
                raise ValidationError("The logo is too large: at most 4000 × 4000 pixels.")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = image.convert("RGBA")
            if image.width > LOGO_MAX_WIDTH:
                height = round(image.height * LOGO_MAX_WIDTH / image.width)
                image = image.resize((LOGO_MAX_WIDTH, max(height, 1)))
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)  # drops metadata and anything appended
            return out.getvalue()
    except Image.DecompressionBombError as error:
        raise ValidationError("The logo is too large: at most 4000 × 4000 pixels.") from error
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError("This file is not a PNG, JPEG or SVG picture we can read.") from error


def _clean_svg(data: bytes) -> bytes:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ValidationError("SVG logos may not declare a DOCTYPE or entities.")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise ValidationError("This SVG file could not be read.") from error
    if root.tag != f"{_SVG_NS}svg":
        raise ValidationError("This file is not an SVG picture.")
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in _FORBIDDEN_SVG_ELEMENTS:
            raise ValidationError(f"SVG logos may not contain <{name}> elements.")
        if name == "style" and _loads_other_files(element.text or ""):
            raise ValidationError("SVG logos may not load other files.")
        if (
            name in _ANIMATION_ELEMENTS
            and element.get("attributeName", "").rsplit(":", 1)[-1].strip().lower() == "href"
        ):
            raise ValidationError("SVG logos may not animate a link.")
        for attribute, value in element.attrib.items():
            attribute = attribute.rsplit("}", 1)[-1]
            if attribute.lower().startswith("on"):
                raise ValidationError("SVG logos may not contain scripts.")
            if attribute == "href" and not value.startswith("#"):
                raise ValidationError("SVG logos may not link to other files.")
            if _loads_other_files(value):
                raise ValidationError("SVG logos may not load other files.")
    return data


def _loads_other_files(css: str) -> bool:
    """Whether CSS (a style element, a style or presentation attribute) loads a file, once its
    escapes are decoded: a browser reads "u\\72l(" and "\\75rl(" as "url("."""

    def decode(match: re.Match) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return match.group(2)

    return bool(_EXTERNAL_REFERENCE.search(_CSS_ESCAPE.sub(decode, css)))
