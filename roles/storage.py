"""Static files storage for production."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage (hashed, compressed files), remembering each file's URL.

    The manifest is read once when the process starts, so a file's URL cannot change while it
    runs. Every page asks for the same few (eight on the editor), and each lookup splits, cleans
    and joins the name again: a fifth of the editor page's template work before this.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name, force=False):
        key = (name, force)
        if key not in self._urls:
            self._urls[key] = super().url(name, force)
        return self._urls[key]
