"""Seed the guidance tables that HR admins keep in the admin, from data/0016_guidance.json.

Sources, each also cited in its rows:
- Gender-coded words: Gaucher, D., Friesen, J., & Kay, A. C. (2011). Evidence that gendered wording in job advertisements exists and sustains gender inequality. Journal of Personality and Social Psychology, 101(1), 109-128. doi:10.1037/a0022530. Appendix A: 'List of Masculine and Feminine Words Coded in Studies 1 and 2' (p. 125).
  Entries as printed: a starred entry is a stem, the others whole words (the paper's own typo
  “implusive” kept as printed). The exceptions are ordinary operations words and phrases that
  merely begin with a coded stem; lovedaybrooke/gender-decoder counts them (it matches every entry
  as a raw prefix), which is where it misfires on operations job descriptions.
- Inclusive-language terms: each row names its source (EEOC, AARP, ADA National Network, Ontario
  Human Rights Commission, Google's and the Conscious Style Guide's inclusive-language guides, and
  others).
- Pay-transparency rules: each row names the statute or regulator page its facts were checked
  against on the date in ``facts_checked``, with notes where only secondary sources were seen.
"""

from django.db import migrations

from roles import seeding


def seed(apps, schema_editor):
    seeding.load(apps, "0016_guidance.json")


class Migration(migrations.Migration):
    dependencies = [("roles", "0015_template_pay_band_and_term_patterns")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
