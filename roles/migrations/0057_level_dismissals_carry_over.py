"""Level findings kept as written carry over (issue #25): "Finding codes that change carry their
dismissals over (or drop them with a note)".

Before issue #25 every level signal was a finding of its own; now one finding names the whole
draft's evidence (0044), so a "keep as written" made on an old one matched nothing and the
level finding showed once more. After this migrate, ``recount_after_migrate``
(roles/services/guidance.py) carries each such dismissal to the new finding where the new
finding's evidence comes from the place it was made on, its text unchanged; the others, which
match no finding, are dropped and each is logged. That work needs the current models and the
checks, which a migration's historical models do not have, so it runs once the migrate is done;
the stored counts of the drafts touched are stored again there.
"""

from django.db import migrations


class Migration(migrations.Migration):
    carries_level_dismissals = True

    dependencies = [("roles", "0056_pay_rule_law_words_new_jersey")]

    operations = []
