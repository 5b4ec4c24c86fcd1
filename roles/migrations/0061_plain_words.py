"""Words an HR user reads, not a developer's (issue #27, item 6), from data/0061_plain_words.json:
the seeded level signals' source said "Seed: VP vs Director of Operations", and the "young" term's
suggestion ended with "(Pattern skips 'Young's modulus'.)", a note on its pattern. Only rows still
as seeded change. The guidance stamp moves (the panel shows the new words at once); no finding is
added or removed, so nothing is recounted."""

from django.db import migrations

from roles import seeding


def revise(apps, schema_editor):
    seeding.load(apps, "0061_plain_words.json")
    seeding.move_guidance_stamp(apps)


class Migration(migrations.Migration):
    dependencies = [("roles", "0060_directory_groups")]

    # Going back leaves the plainer words: they carry no meaning the old ones had.
    operations = [migrations.RunPython(revise, migrations.RunPython.noop)]
