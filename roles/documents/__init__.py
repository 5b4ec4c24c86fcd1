"""The document: the data every format and check reads (``data``), the HTML both the preview and
the PDF are made from (``html``), the PDF renderer with its safe fetcher, fonts and render process
(``pdf``, ``fetcher``, ``fonts``, ``render_process``), and the exporter registry (``registry``)."""


class DocumentRenderError(Exception):
    """The document could not be rendered; the message is for the person who asked for it."""


class DocumentBeingPrepared(DocumentRenderError):
    """The PDF is not ready yet: it is being rendered elsewhere, or (``hand_over``) it is too
    large to render within a web request and should be queued for the task worker. A caller
    that has no "being prepared" page shows its message like any render error."""

    def __init__(self, *, hand_over: bool = False) -> None:
        super().__init__("This PDF is being prepared. Try again in a few seconds.")
        self.hand_over = hand_over
