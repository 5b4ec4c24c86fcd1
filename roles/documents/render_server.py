"""Preloaded by the render processes' fork server (see ``render_process.RenderProcess``): Django
set up, fonts and stylesheet loaded and one document rendered, so forked processes start ready."""

import logging

import django

try:
    django.setup()
    from roles.documents.pdf import warm_up

    warm_up()
except Exception:  # The fork server must start anyway; each render process then loads alone.
    logging.getLogger(__name__).exception("The render fork server could not warm up")
