"""The guidance panel's checks, all together: ``check_document`` runs every group over one
document; ``check_organisation`` the language checks over the organisation profile's own texts,
which show once (in its admin page, and as one line in the editor) rather than in every draft.

Both read the text normalised once (``roles.checks.text.normalise``: curly quotes, non-breaking
hyphens and spaces, soft hyphens, ligatures, full-width forms), and give each finding back its
words and text as typed, so the quote shown, the focus link and a dismissal's hash are the
writer's own."""

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
from .text import Normalised, normalise

#: The document's own texts a check may read, besides its lists.
_TEXT_FIELDS = (
    "title",
    "reports_to",
    "summary",
    "scope",
    "impact",
    "collaboration",
    "benefits",
    "other_compensation",
    "apply_instructions",
)


class _Normaliser:
    """Normalises texts and remembers each changed one, so a finding that points at the text the
    checks read can be given back the text as typed."""

    def __init__(self) -> None:
        self.typed: dict[str, Normalised] = {}

    def __call__(self, text: str) -> str:
        normalised = normalise(text)
        if normalised.text != text:
            # Two texts typed differently that read the same (a curly and a straight
            # apostrophe) share one entry: either gives the same words back.
            self.typed.setdefault(normalised.text, normalised)
        return normalised.text

    def as_typed(self, finding: Finding) -> Finding:
        normalised = self.typed.get(finding.text)
        if normalised is None:
            return finding
        quote, message = finding.quote, finding.message
        if quote and (at := normalised.text.find(quote)) >= 0:
            quote = normalised.as_typed(at, at + len(quote))
            message = message.replace(f"“{finding.quote}”", f"“{quote}”")
        return replace(finding, quote=quote, message=message, text=normalised.original)


def normalised_document(document, plain):
    """``document`` with every text a check reads passed through ``plain``; the document itself
    when no text changes (most: a copy would run every field's printable-text check again)."""
    before = len(plain.typed)
    for kpi in document.kpis:
        # The texts the language and level checks build from a KPI, so their findings map back.
        plain(f"{kpi.name}. {kpi.measure}")
        plain(f"{kpi.name}|{kpi.measure}|{kpi.cadence}")
    fields = {name: plain(getattr(document, name)) for name in _TEXT_FIELDS}
    items = [item.text for item in (*document.responsibilities, *document.qualifications)]
    for text in items + [
        part for kpi in document.kpis for part in (kpi.name, kpi.measure, kpi.target)
    ]:
        plain(text)
    if len(plain.typed) == before:
        return document
    return replace(
        document,
        **fields,
        responsibilities=tuple(
            replace(item, text=plain(item.text)) for item in document.responsibilities
        ),
        qualifications=tuple(
            replace(item, text=plain(item.text)) for item in document.qualifications
        ),
        kpis=tuple(
            replace(kpi, name=plain(kpi.name), measure=plain(kpi.measure), target=plain(kpi.target))
            for kpi in document.kpis
        ),
    )


def check_document(document, rules: GuidanceRules, *, today: date) -> list[Finding]:
    normaliser = _Normaliser()
    document = normalised_document(document, normaliser)
    findings = [
        *check_level(document, rules),
        *check_language(document, rules),
        *check_readability(document, rules),
        *check_pay(document, rules, today),
        *check_pay_band(document, rules.pay_bands),
        *check_completeness(document),
    ]
    order = list(CATEGORIES)
    findings = [normaliser.as_typed(finding) for finding in findings]
    return sorted(findings, key=lambda finding: order.index(finding.category))


def check_organisation(organisation, rules: GuidanceRules) -> list[Finding]:
    plain = _Normaliser()
    texts = [
        ("about", "About the organisation", None, None, plain(organisation.about)),
        (
            "equal_opportunity",
            "Equal-opportunity statement",
            None,
            None,
            plain(organisation.equal_opportunity),
        ),
    ]
    findings = [
        plain.as_typed(finding)
        for finding in (*gender_coded_findings(texts, rules), *term_findings(texts, rules))
        if finding.code != "gender-verdict" or finding.severity != "info"
    ]
    return [replace(finding, section=f"organisation.{finding.section}") for finding in findings]
