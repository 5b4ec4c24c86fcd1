"""The guidance panel's checks, all together: ``check_document`` runs every group over one
document; ``check_organisation`` the language checks over the organisation profile's own texts,
which show once (in its admin page, and as one line in the editor) rather than in every draft."""

from dataclasses import replace
from datetime import date

from .completeness import check_completeness
from .findings import CATEGORIES, Finding
from .language import check_language, gender_coded_findings, term_findings
from .level import check_level
from .pay import check_pay
from .pay_band import check_pay_band
from .readability import check_readability
from .rules import GuidanceRules


def check_document(document, rules: GuidanceRules, *, today: date) -> list[Finding]:
    findings = [
        *check_level(document, rules),
        *check_language(document, rules),
        *check_readability(document, rules),
        *check_pay(document, rules, today),
        *check_pay_band(document, rules.pay_bands),
        *check_completeness(document),
    ]
    order = list(CATEGORIES)
    return sorted(findings, key=lambda finding: order.index(finding.category))


def check_organisation(organisation, rules: GuidanceRules) -> list[Finding]:
    texts = [
        ("about", "About the organisation", None, None, organisation.about),
        (
            "equal_opportunity",
            "Equal-opportunity statement",
            None,
            None,
            organisation.equal_opportunity,
        ),
    ]
    findings = [
        finding
        for finding in (*gender_coded_findings(texts, rules), *term_findings(texts, rules))
        if finding.code != "gender-verdict" or finding.severity != "info"
    ]
    return [replace(finding, section=f"organisation.{finding.section}") for finding in findings]
