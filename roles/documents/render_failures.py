"""Where a render that failed leaves its message, per draft and version, in the shared cache: the
render task and the download write it (``roles.services.documents``), the editor reads it
(``roles.ops``). Its own small module, free of the renderer, so that both import it and
neither imports the other."""


def render_failure_key(job_description_id: int, version: int) -> str:
    """Where a render of a version that cannot be rendered leaves its message: the editor shows
    it, and downloads of that version show it instead of rendering it again."""
    return f"render-failed:{job_description_id}:{version}"


def render_trouble_key(job_description_id: int, version: int) -> str:
    """Where a background render that gave up for another reason (storage, database) leaves its
    message for the editor; a download renders that version itself."""
    return f"render-trouble:{job_description_id}:{version}"
