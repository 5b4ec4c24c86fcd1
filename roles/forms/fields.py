"""Form fields shared by the pages and the admin (which must not load the editor's machinery)."""

from django.db import models


def https_formfield(model_field, **kwargs):
    """Form fields for the model's; a link typed without its scheme gets https:// (Django 6's
    default, and what every apply-at link is)."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)
