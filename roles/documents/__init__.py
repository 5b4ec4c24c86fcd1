"""The document: the data every format and check reads (``data``), the HTML both the preview and
the PDF are made from (``html``), the PDF renderer with its safe fetcher, fonts and render process
(``pdf``, ``fetcher``, ``fonts``, ``render_process``), and the exporter registry (``registry``)."""


class DocumentRenderError(Exception):
    """The document could not be rendered; the message is for the person who asked for it."""
