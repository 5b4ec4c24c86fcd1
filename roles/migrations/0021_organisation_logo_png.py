"""An SVG logo gets a PNG copy for the formats that cannot take SVG (Word); a logo uploaded
before this gets its copy here."""

import logging

from django.db import migrations, models

logger = logging.getLogger(__name__)


def svg_png_copy(svg: bytes) -> bytes:
    """The PNG copy, as ``roles.uploads.svg_png_copy`` made it when this migration was written
    (copied here, so that later changes to that module cannot change what this migration does)."""
    import io

    import cairosvg
    from PIL import Image

    png = cairosvg.svg2png(bytestring=svg, output_width=600, unsafe=False)
    with Image.open(io.BytesIO(png)) as image:
        out = io.BytesIO()
        image.convert("RGBA").save(out, format="PNG", optimize=True)
        return out.getvalue()


def copy_svg_logos(apps, schema_editor):
    from django.core.files.base import ContentFile

    profiles = apps.get_model("roles", "OrganisationProfile").objects.using(
        schema_editor.connection.alias
    )
    for profile in profiles.exclude(logo=""):
        if not profile.logo.name.lower().endswith(".svg") or profile.logo_png:
            continue
        try:
            with profile.logo.open("rb") as logo:
                png = svg_png_copy(logo.read())
        except Exception as error:  # CairoSVG raises whatever its parser or Cairo raised
            # The Word export then goes without a logo, as it would with none; nothing is lost.
            logger.warning("No PNG copy of logo %s: %s", profile.logo.name, error)
            continue
        name = profile.logo.name.rsplit("/", 1)[-1].removesuffix(".svg") + ".png"
        profile.logo_png.save(name, ContentFile(png), save=False)
        profile.save(update_fields=["logo_png"])


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0020_hr_admins_keep_guidance"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisationprofile",
            name="logo_png",
            field=models.FileField(
                blank=True,
                editable=False,
                help_text="A PNG copy of an SVG logo, made at upload, for the formats that cannot "
                "take SVG (Word). Empty when the logo is a PNG or JPEG already.",
                upload_to="logos/",
                verbose_name="logo as PNG",
            ),
        ),
        migrations.RunPython(copy_svg_logos, migrations.RunPython.noop),
    ]
