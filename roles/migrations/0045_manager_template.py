"""An Operations Manager template (issue #25), from data/0045_manager_template.json, written from
the same principles as the VP and Director templates: what a manager owns (one shift, area or
unit and the team doing the work), the KPIs a manager answers for, reviewed weekly and monthly,
and qualifications that keep to five required. It needs the Manager level of 0044; where that was
skipped (an admin's level held its slug or rank), the template is skipped too, and the log says
so."""

import logging

from django.db import migrations

from roles import seeding

logger = logging.getLogger(__name__)


def seed(apps, schema_editor):
    level = apps.get_model("roles", "Level").objects.filter(slug="manager").first()
    if level is None or level.name != "Manager":
        logger.warning(
            "Migration 0045: the Operations Manager template was not added: there is no seeded "
            "Manager level. Add one in the admin, then a template for it."
        )
        return
    seeding.load(apps, "0045_manager_template.json")


def unseed(apps, schema_editor):
    seeding.unload(apps, "0045_manager_template.json")


class Migration(migrations.Migration):
    dependencies = [("roles", "0044_guidance_evidence_data")]

    operations = [migrations.RunPython(seed, unseed)]
