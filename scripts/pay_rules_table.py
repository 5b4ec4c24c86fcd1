"""docs/guidance.md's table of pay-transparency rules, made from the reviewed seed data files
(what a fresh database holds), so the docs cannot drift from the data:
``python scripts/pay_rules_table.py`` rewrites the table between its markers;
tests/migrations/test_pay_rules_doc.py fails when it is out of step."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roles import seeding  # noqa: E402  (the repository root first on the path)

DOC = ROOT / "docs" / "guidance.md"
START = "<!-- pay-rules-table: made by scripts/pay_rules_table.py from the seed data -->"
END = "<!-- /pay-rules-table -->"

REACH = {
    "resident": "someone living there could fill",
    "reporting_office": "reports to an office there",
    "employer_based": "employer based there",
    "foreseen": "work or supervision there foreseen (advice)",
    "unclear": "sources silent (advice)",
    "none": "work location there only",
}
POSTINGS = {
    "covered": "public and internal",
    "exempt": "public only",
    "unknown": "both (internal: advice)",
}


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def table() -> str:
    rows = seeding.seeded_rows("roles.PayTransparencyRule", "jurisdiction")
    columns = (
        "Rule",
        "Place",
        "From",
        "Required or advice",
        "Employees",
        "Postings",
        "Remote roles",
        "Law's words quoted",
        "Facts checked",
    )
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    for rule in sorted(
        rows.values(), key=lambda r: (r["country"], r["region"], r["locality"], r["jurisdiction"])
    ):
        place = ", ".join(
            part for part in (rule["locality"], rule["region"], rule["country"]) if part
        )
        counted = "in the place" if rule.get("headcount_counted") == "in_place" else "in total"
        employees = f"{rule['min_employees'] or 1}+ {counted}"
        advice = ", ".join(rule.get("advice_items") or [])
        kind = "required" if rule["mandatory"] else "advice"
        if advice and rule["mandatory"]:
            kind += f" ({advice}: advice)"
        start = rule["effective_from"]
        if rule.get("item_dates"):
            start += "; " + ", ".join(f"{code} {when}" for code, when in rule["item_dates"].items())
        lines.append(
            "| "
            + " | ".join(
                _cell(value)
                for value in (
                    f"[{rule['jurisdiction']}]({rule['source_url']})",
                    place,
                    start,
                    kind,
                    employees,
                    POSTINGS[rule.get("internal_postings", "unknown")],
                    REACH[rule.get("remote_reach", "resident")],
                    # The items whose words a finding quotes; the others are summaries.
                    ", ".join(rule.get("law_words") or {}) or "none (summaries)",
                    rule["facts_checked"],
                )
            )
            + " |"
        )
    return "\n".join(lines)


def in_doc(text: str) -> str:
    """The table as the document holds it."""
    return text[text.index(START) + len(START) : text.index(END)].strip()


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    before, after = text[: text.index(START) + len(START)], text[text.index(END) :]
    DOC.write_text(f"{before}\n{table()}\n{after}", encoding="utf-8")


if __name__ == "__main__":
    main()
