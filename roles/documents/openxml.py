"""The few pieces of WordprocessingML that python-docx 1.2 has no API for, written here and only
here: a table's repeating header row, rows that do not split across pages, cell shading, the
PAGE and NUMPAGES fields, a picture's alt text, fonts that ignore the theme, and the language
of text.

Word refuses a file whose elements are out of the order the schema's ``xsd:sequence`` gives
(LibreOffice is forgiving, so it would not notice). Every element is therefore inserted with
``insert_in_order``, against the sequence copied from ECMA-376 Part 1 (5th edition), §17
(``w:rPr`` and ``w:tcPr`` are sequences; ``w:trPr``'s children are a choice, in any order, and
are kept in Word's own order all the same); the tests read back what we write and check the
order of every parent we touch.
"""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# The child order of the property elements we write into (ECMA-376 Part 1, 17.4.82 trPr /
# 17.4.70 tcPr / 17.3.2.28 rPr), in schema order. Only the names matter for ordering.
ROW_PROPERTIES = (
    "cnfStyle",
    "divId",
    "gridBefore",
    "gridAfter",
    "wBefore",
    "wAfter",
    "cantSplit",
    "trHeight",
    "tblHeader",
    "tblCellSpacing",
    "jc",
    "hidden",
    "ins",
    "del",
    "trPrChange",
)
CELL_PROPERTIES = (
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
)
RUN_PROPERTIES = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)
#: The parents above, by their tag, for the order test.
SEQUENCES = {"trPr": ROW_PROPERTIES, "tcPr": CELL_PROPERTIES, "rPr": RUN_PROPERTIES}


def local_name(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def insert_in_order(parent, child, sequence: tuple[str, ...]):
    """Put ``child`` into ``parent`` where ``sequence`` (the schema's order of its children)
    says, replacing a child of the same name. Returns ``child``."""
    name = local_name(child)
    position = sequence.index(name)
    for existing in parent.findall(qn(f"w:{name}")):
        parent.remove(existing)
    for index, sibling in enumerate(parent):
        sibling_name = local_name(sibling)
        if sibling_name in sequence and sequence.index(sibling_name) > position:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def _element(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def repeat_as_header_row(row) -> None:
    """Repeat ``row`` (a python-docx ``_Row``) at the top of every page the table runs onto;
    and keep it in one piece."""
    properties = row._tr.get_or_add_trPr()
    insert_in_order(properties, _element("w:tblHeader"), ROW_PROPERTIES)
    keep_row_together(row)


def keep_row_together(row) -> None:
    """Never break ``row`` across two pages."""
    properties = row._tr.get_or_add_trPr()
    insert_in_order(properties, _element("w:cantSplit"), ROW_PROPERTIES)


def shade_cell(cell, fill: str) -> None:
    """A solid background colour for ``cell``; ``fill`` is RRGGBB."""
    properties = cell._tc.get_or_add_tcPr()
    insert_in_order(
        properties, _element("w:shd", val="clear", color="auto", fill=fill), CELL_PROPERTIES
    )


def add_field(paragraph, instruction: str, shown: str = "1") -> None:
    """A field (``PAGE``, ``NUMPAGES``) at the end of ``paragraph``, as Word writes one: begin,
    the instruction, separate, the value shown until the field is updated, end. Word and
    LibreOffice both update page fields as they lay out the pages."""
    for part in ("begin", "instruction", "separate", "shown", "end"):
        run = paragraph.add_run()._r
        if part == "instruction":
            text = _element("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            run.append(text)
        elif part == "shown":
            text = _element("w:t")
            text.text = shown
            run.append(text)
        else:
            run.append(_element("w:fldChar", fldCharType=part))


def describe_picture(inline_shape, description: str) -> None:
    """Alt text for a picture (``wp:docPr/@descr``), which screen readers read and Word shows
    under "Alt Text"."""
    # Only ``descr``: a ``title`` as well makes some screen readers say it twice.
    inline_shape._inline.docPr.set("descr", description)


def set_fonts(run_properties, family: str) -> None:
    """Set ``family`` for every script in ``run_properties`` (a ``w:rPr``), dropping the theme
    fonts that python-docx's template puts on headings and that would otherwise win."""
    fonts = _element("w:rFonts", ascii=family, hAnsi=family, cs=family, eastAsia=family)
    insert_in_order(run_properties, fonts, RUN_PROPERTIES)


def set_language(run_properties, language: str) -> None:
    """The language of Latin text (``w:lang/@w:val``) for spelling, hyphenation and screen
    readers: on a style's or a run's ``w:rPr``, or on the document defaults'. East Asian and
    right-to-left text keep their own (Word tells them by script)."""
    insert_in_order(run_properties, _element("w:lang", val=language), RUN_PROPERTIES)


def set_complex_script(run_properties, *, half_points: int | None = None, bold: bool = False):
    """The size (``w:szCs``) and weight (``w:bCs``) of right-to-left and complex-script text,
    which python-docx's ``font.size`` and ``font.bold`` leave to the template: Hebrew or Arabic
    in a heading is then as large and as bold as the Latin beside it."""
    if bold:
        insert_in_order(run_properties, _element("w:bCs"), RUN_PROPERTIES)
    if half_points is not None:
        insert_in_order(run_properties, _element("w:szCs", val=str(half_points)), RUN_PROPERTIES)


def default_run_properties(document):
    """The document defaults' ``w:rPr`` (``w:docDefaults/w:rPrDefault/w:rPr``), made if missing."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _element("w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = _element("w:rPrDefault")
        defaults.insert(0, run_default)
    properties = run_default.find(qn("w:rPr"))
    if properties is None:
        properties = _element("w:rPr")
        run_default.append(properties)
    return properties
