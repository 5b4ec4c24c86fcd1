"""Recall where it was weak (issue #25), from data/0047_guidance_terms.json: a list of postures
("sit, stand, bend and kneel") and "on your feet" as ability terms, with the ADA's essential
functions (29 CFR 1630.2(n)) as the source; "young" no longer flags an audience ("young
audiences", "young patients"). A term an admin has edited keeps the edit. The guidance stamp
moves, and every live draft's stored count is recounted after the migrate."""

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0047_guidance_terms.json")
    seeding.move_guidance_stamp(apps)


def unseed(apps, schema_editor):
    seeding.unload(apps, "0047_guidance_terms.json")


class Migration(migrations.Migration):
    recounts_findings = True

    dependencies = [("roles", "0046_pay_basis")]

    operations = [migrations.RunPython(seed, unseed)]
