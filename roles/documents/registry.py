"""Every format a job description leaves the product in, behind one call:
``export(format, document) -> Export(filename, content_type, content)``.

A format is an ``Exporter``: a name for the menu, a file extension, a content type and a
``render(document) -> bytes``. Add one to ``EXPORTERS`` and the download URL serves it."""

from collections.abc import Callable
from dataclasses import dataclass

from .data import DocumentData
from .jobposting import render_json_ld
from .pdf import render_pdf
from .text import render_html_fragment, render_markdown, render_text
from .word import render_docx


@dataclass(frozen=True)
class Exporter:
    label: str
    extension: str
    content_type: str
    render: Callable[[DocumentData], bytes]
    #: Text to paste somewhere (a job board, an ATS field, a careers page's source): the
    #: Download menu gives it a "Copy" button.
    copyable: bool = False


@dataclass(frozen=True)
class Export:
    filename: str
    content_type: str
    content: bytes


EXPORTERS: dict[str, Exporter] = {
    "pdf": Exporter("PDF", "pdf", "application/pdf", render_pdf),
    "docx": Exporter(
        "Word",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
    "txt": Exporter("Plain text", "txt", "text/plain; charset=utf-8", render_text, True),
    "md": Exporter("Markdown", "md", "text/markdown; charset=utf-8", render_markdown, True),
    "html": Exporter(
        "HTML for a careers page", "html", "text/html; charset=utf-8", render_html_fragment, True
    ),
    "jsonld": Exporter(
        "Job posting data (schema.org JSON-LD)", "json", "application/ld+json", render_json_ld, True
    ),
}


def export(format_name: str, document: DocumentData) -> Export:
    """``document`` in the format ``format_name`` (a key of ``EXPORTERS``). Raises ``KeyError``
    for an unknown format and ``DocumentRenderError`` when the format cannot be rendered."""
    exporter = EXPORTERS[format_name]
    return Export(
        filename=document.filename(exporter.extension),
        content_type=exporter.content_type,
        content=exporter.render(document),
    )
