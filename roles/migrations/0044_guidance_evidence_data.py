"""Guidance a reviewer trusts (issue #25), from data/0044_guidance_evidence.json and
data/0044_manager_level.json:

- gender coding counts traits of the person wanted: the job's own function words ("lead",
  "support", "responsible for") and other senses ("connecting corridors", "active listening")
  become exceptions, each with its kind and reason;
- everyday level signals ("daily", "department", "CEO") weigh half, telling ones stay at 1, and
  new signals say whom the role leads (Directors, managers, leads); a reporting line may skip the
  VP level (information);
- a Manager level below the Director, with its signals. Its rank (50) or slug may already be an
  admin's in the Operations family: then the level and its signals are skipped, and the log says
  so.

A signal or a level an admin has edited keeps the edit (a revision is written only where the row
still holds the released values). The guidance stamp moves, so every process reads the rules
again, and every live draft's stored count of open findings is recounted in the background after
the migrate (``recounts_findings``, roles/services/guidance.py). A level finding kept as written
before no longer matches (one finding now names the whole draft's evidence, with other words): it
shows again once, to be kept again."""

import logging

from django.db import migrations

from roles import seeding

logger = logging.getLogger(__name__)


def seed(apps, schema_editor):
    seeding.load(apps, "0044_guidance_evidence.json")
    level = apps.get_model("roles", "Level")
    taken = (
        level.objects.filter(slug="manager").exists()
        or level.objects.filter(job_family="Operations", rank=50).exists()
    )
    if taken:
        logger.warning(
            "Migration 0044: the Manager level was not added: the slug “manager” or the rank 50 "
            "in the Operations family is already in use. Add it in the admin if it is wanted."
        )
    else:
        seeding.load(apps, "0044_manager_level.json")
    seeding.move_guidance_stamp(apps)


def unseed(apps, schema_editor):
    seeding.unload(apps, "0044_manager_level.json")
    seeding.unload(apps, "0044_guidance_evidence.json")


class Migration(migrations.Migration):
    recounts_findings = True

    dependencies = [("roles", "0043_guidance_evidence")]

    operations = [migrations.RunPython(seed, unseed)]
