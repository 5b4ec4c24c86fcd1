"""The Word file (.docx), for a hiring manager who marks the description up in Word: python-docx,
walking the same blocks in the same order as the text formats (``text.blocks``).

Real styles, so Word's navigation pane and a screen reader see the structure: the title is
"Heading 1", sections "Heading 2", sub-sections "Heading 3", lists "List Bullet", the KPIs a
table whose header row repeats on every page. Arial throughout: a DOCX does not carry its fonts,
and Arial is on every Word installation (LibreOffice lays it out with Liberation Sans, which has
its metrics). What python-docx cannot write (fields, alt text, header rows, language) comes from
``openxml``.
"""

import io
import logging
from functools import lru_cache

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import to_locale
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu, Pt, RGBColor
from PIL import Image

from . import openxml
from .data import DocumentData
from .text import Block, blocks

logger = logging.getLogger(__name__)

FONT = "Arial"
BODY_SIZE = Pt(10.5)
#: Heading styles and their sizes; the title is "Heading 1" so the navigation pane shows it.
HEADING_STYLES = {"title": ("Heading 1", Pt(20)), "heading": ("Heading 2", Pt(13))}
SUBHEADING_STYLE = ("Heading 3", Pt(11))
LOGO_BOX = (Cm(4.5), Cm(1.6))  # at most this wide and this tall
PAGE_SIZES = {"A4": (Cm(21), Cm(29.7)), "letter": (Emu(7772400), Emu(10058400))}
HEADER_ROW_FILL = "E8EDF2"
#: The paragraph style of the KPI table's cells: tighter than body text.
TABLE_TEXT_STYLE = "Table Text"
#: The KPI table's columns (name, measure, target, review): 16.6 cm, the text width of A4.
KPI_COLUMN_WIDTHS = (Cm(4.4), Cm(6.6), Cm(3.4), Cm(2.2))


def language_tag() -> str:
    """The document's language as Word writes it: 'en-US'."""
    return to_locale(settings.LANGUAGE_CODE).replace("_", "-")


def render_docx(document: DocumentData) -> bytes:
    styled = _styled_template(document.organisation.accent_colour, language_tag())
    word = Document(io.BytesIO(styled))
    _set_up_page(word, document)
    _set_properties(word, document)
    logo = raster_logo(document.organisation.raster_logo_name)
    if logo:
        _add_logo(word, logo, document)
    body = _Body(word)
    for block in blocks(document):
        body.add(block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


@lru_cache(maxsize=8)
def _styled_template(accent_colour: str, language: str) -> bytes:
    """An empty Word file with the house styles in ``accent_colour``, made once a process for
    each colour: opening it costs what opening python-docx's own empty template costs, and setting
    the styles up on every export took a tenth of the export (3 of 33 ms, measured). A pure
    function of its arguments, so the cache needs no invalidation."""
    word = Document()
    _set_up_styles(word, accent_colour, language)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def raster_logo(name: str) -> bytes | None:
    """The organisation's logo as PNG or JPEG (SVG logos have a PNG copy made at upload)."""
    if not name:
        return None
    try:
        with default_storage.open(name, "rb") as logo:
            return logo.read()
    except OSError:
        logger.warning("The organisation logo %s cannot be read", name)
        return None


def _set_up_styles(word, accent_colour: str, language: str) -> None:
    accent = RGBColor.from_string(accent_colour.lstrip("#").upper())
    defaults = openxml.default_run_properties(word)
    openxml.set_fonts(defaults, FONT)
    openxml.set_language(defaults, language)
    normal = word.styles["Normal"]
    openxml.set_fonts(normal.element.get_or_add_rPr(), FONT)
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    openxml.set_complex_script(normal.element.get_or_add_rPr(), half_points=int(BODY_SIZE.pt * 2))
    for style_name, size in (*HEADING_STYLES.values(), SUBHEADING_STYLE):
        style = word.styles[style_name]
        openxml.set_fonts(style.element.get_or_add_rPr(), FONT)
        openxml.set_complex_script(
            style.element.get_or_add_rPr(), half_points=int(size.pt * 2), bold=True
        )
        style.font.size = size
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = accent if style_name != "Heading 3" else RGBColor(0x22, 0x22, 0x22)
        style.paragraph_format.space_before = Pt(14 if style_name != "Heading 3" else 8)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    for style_name in ("Header", "Footer"):
        style = word.styles[style_name]
        openxml.set_fonts(style.element.get_or_add_rPr(), FONT)
        style.font.size = Pt(8.5)
        style.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    word.styles["List Bullet"].paragraph_format.space_after = Pt(3)
    table_text = word.styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.paragraph_format.space_before = Pt(2)
    table_text.paragraph_format.space_after = Pt(2)
    table_text.paragraph_format.line_spacing = 1.0


def _set_up_page(word, document: DocumentData) -> None:
    section = word.sections[0]
    width, height = PAGE_SIZES.get(document.organisation.paper_size, PAGE_SIZES["A4"])
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    running = f"{document.company} · {document.title}" if document.company else document.title
    header = section.header.paragraphs[0]
    header.text = running
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if document.status_note:
        footer.add_run(f"{document.status_note} · ").bold = True
    footer.add_run("Page ")
    openxml.add_field(footer, "PAGE")
    footer.add_run(" of ")
    openxml.add_field(footer, "NUMPAGES")


def _set_properties(word, document: DocumentData) -> None:
    properties = word.core_properties
    author = document.organisation.name or document.company or "JD Builder"
    properties.title = document.title
    properties.subject = f"Job description: {document.level_label}"
    properties.author = author
    properties.last_modified_by = author
    properties.keywords = f"job description, {document.level_label}, operations"
    properties.language = language_tag()
    properties.comments = "Made with JD Builder"
    properties.created = properties.modified = timezone.now()
    properties.revision = 1


def _add_logo(word, logo: bytes, document: DocumentData) -> None:
    try:
        with Image.open(io.BytesIO(logo)) as image:
            width, height = image.size
    except OSError:
        logger.warning("The organisation logo cannot be read as a picture")
        return
    box_width, box_height = LOGO_BOX
    scale = min(box_width / width, box_height / height)
    paragraph = word.add_paragraph()
    picture = paragraph.add_run().add_picture(
        io.BytesIO(logo), width=Emu(int(width * scale)), height=Emu(int(height * scale))
    )
    owner = document.organisation.name or document.company or "Company"
    openxml.describe_picture(picture, f"{owner} logo")


class _Body:
    """Adds paragraphs and tables to a document by style id. python-docx looks a style given
    by name up among all the template's styles on every paragraph (three quarters of this
    file's time, measured); here each style's id is looked up once a document."""

    def __init__(self, word):
        self.word = word
        names = [name for name, _ in (*HEADING_STYLES.values(), SUBHEADING_STYLE)]
        names += ["List Bullet", "Table Grid", TABLE_TEXT_STYLE]
        self.style_ids = {name: word.styles[name].style_id for name in names}

    def paragraph(self, text: str = "", style_name: str = ""):
        paragraph = self.word.add_paragraph(text)
        if style_name:
            paragraph._p.get_or_add_pPr().style = self.style_ids[style_name]
        return paragraph

    def add(self, block: Block) -> None:
        if block.kind in HEADING_STYLES:
            self.paragraph(block.text, HEADING_STYLES[block.kind][0])
        elif block.kind == "subheading":
            self.paragraph(block.text, SUBHEADING_STYLE[0])
        elif block.kind == "facts":
            for number, item in enumerate(block.items, start=1):
                label, _, value = item.partition(": ")
                paragraph = self.paragraph()
                paragraph.paragraph_format.space_after = Pt(8 if number == len(block.items) else 1)
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(value)
        elif block.kind == "paragraph":
            self.paragraph(block.text)
        elif block.rows:
            self.table(block.rows)
        else:
            for item in block.items:
                self.paragraph(item, "List Bullet")

    def table(self, rows: tuple[tuple[str, ...], ...]) -> None:
        """A "Table Grid" table: the first row is its header, shaded and repeated on every page;
        no row splits across pages; the first column in bold, as the PDF's row headers."""
        table = self.word.add_table(rows=len(rows), cols=len(rows[0]))
        table._tbl.tblPr.style = self.style_ids["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        # Word reads the cells' widths, LibreOffice the grid's: set both.
        table.autofit = False
        for column, width in zip(table.columns, KPI_COLUMN_WIDTHS, strict=False):
            column.width = width
        for number, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
            if number == 0:
                openxml.repeat_as_header_row(row)
            else:
                openxml.keep_row_together(row)
            for column, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
                cell.width = KPI_COLUMN_WIDTHS[column] if column < len(KPI_COLUMN_WIDTHS) else None
                paragraph = cell.paragraphs[0]
                paragraph._p.get_or_add_pPr().style = self.style_ids[TABLE_TEXT_STYLE]
                run = paragraph.add_run(text)
                if number == 0 or column == 0:
                    run.bold = True
                if number == 0:
                    openxml.shade_cell(cell, HEADER_ROW_FILL)
