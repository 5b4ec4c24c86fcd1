"""docs/guidance.md's table of pay rules is the seed data's, row for row."""

from scripts.pay_rules_table import DOC, in_doc, table


def test_the_guidance_docs_table_of_pay_rules_is_made_from_the_seed_data():
    assert in_doc(DOC.read_text(encoding="utf-8")) == table(), (
        "docs/guidance.md's pay rules are out of step with the seed data: run "
        "python scripts/pay_rules_table.py"
    )


def test_the_table_names_every_seeded_rule_and_its_corrections():
    made = table()
    for name in ("Lithuania", "Poland", "Ithaca", "Washington DC", "Colorado"):
        assert f"[{name}](" in made
    assert "application_deadline 2024-01-01" in made  # Colorado's item dated by its source
    assert "required (benefits: advice)" in made  # DC
    assert made.count("\n") == 38 + 1  # 38 rules, a header and its rule
