"""A guidance finding as the API gives it: a schema frozen in v1 (a field may be added, none
renamed, removed or given another meaning), written out field by field here rather than derived
from ``roles.checks.findings.Finding``, so a change to the checks' dataclass cannot change what
an integration reads without this module changing too."""

from rest_framework import serializers

from roles.checks.findings import CATEGORIES, SEVERITIES, Finding

#: Where a finding stands on a draft: still "open", "kept" as written by someone (a dismissal
#: that holds while the text is unchanged), or "info" (shown, never counted).
FINDING_STATES = ("open", "kept", "info")

#: The document's own texts a finding's ``field`` may name (its lists are read by position).
_TEXT_FIELDS = frozenset(
    {
        "title",
        "reports_to",
        "summary",
        "scope",
        "impact",
        "collaboration",
        "benefits",
        "other_compensation",
        "apply_instructions",
    }
)
#: The text of an item of each list a finding may point at, unless it names a ``subfield``.
_ITEM_TEXT = {"responsibilities": "text", "qualifications": "text", "kpis": "name"}


class SpanSerializer(serializers.Serializer):
    start = serializers.IntegerField(min_value=0, help_text="The first character, from 0.")
    end = serializers.IntegerField(min_value=0, help_text="One past the last character.")


class LawSerializer(serializers.Serializer):
    """One law a pay finding rests on."""

    jurisdiction = serializers.CharField(help_text="Where the law applies: “California”.")
    asks = serializers.BooleanField(
        help_text="True when this law asks for the item; false when it only advises it."
    )
    what_must_be_shown = serializers.CharField(help_text="What the law asks, in summary.")
    words = serializers.CharField(
        help_text="The law's own words on the item; empty when they were not checked (the "
        "summary is then all there is)."
    )
    cite = serializers.CharField(help_text="Where the words are: the section of the law.")
    source_title = serializers.CharField()
    source_url = serializers.CharField()
    facts_checked = serializers.DateField(
        allow_null=True, help_text="When the rule's facts were last checked against its sources."
    )


class FindingSerializer(serializers.Serializer):
    """One guidance finding: which rule, how much it asks, where, what it says and why."""

    rule = serializers.CharField(
        help_text="The check's rule id: “gender-coded”, “long-sentence”, “pay-range-required”…"
    )
    key = serializers.CharField(
        help_text="Names this finding across edits of other text (what “keep as written” keeps)."
    )
    category = serializers.ChoiceField(choices=list(CATEGORIES))
    category_label = serializers.CharField(help_text="The guidance panel's group.")
    severity = serializers.ChoiceField(
        choices=list(SEVERITIES),
        help_text="required (a law or a rule of the product), advice, or info (never counted).",
    )
    state = serializers.ChoiceField(
        choices=list(FINDING_STATES),
        help_text="open; kept (kept as written on this draft); info.",
    )
    message = serializers.CharField()
    why = serializers.CharField(help_text="Why it matters; for pay, every law that asks.")
    suggestion = serializers.CharField(help_text="What to write instead; may be empty.")
    quote = serializers.CharField(help_text="The exact words found, as written; may be empty.")
    field = serializers.CharField(
        help_text="The field it points at (“summary”, “responsibilities”, “salary_min”…); empty "
        "for the whole document."
    )
    position = serializers.IntegerField(
        allow_null=True, help_text="In a list: the item's place, from 0."
    )
    item_id = serializers.IntegerField(allow_null=True, help_text="In a list: the item's id.")
    subfield = serializers.CharField(
        help_text="In a list item: its field (“target”); may be empty."
    )
    span = SpanSerializer(
        allow_null=True,
        help_text="Where the quote first stands in the field's text, in characters (Unicode code "
        "points); null when the finding quotes no words of one text.",
    )
    source = serializers.CharField(help_text="The source the rule rests on; may be empty.")
    source_url = serializers.CharField()
    laws = LawSerializer(many=True, help_text="Pay findings: each law that asks or advises.")
    places = serializers.ListField(
        child=serializers.CharField(),
        help_text="Pay findings: every place whose law asks for the item.",
    )


def field_text(document, finding: Finding) -> str | None:
    """The text of the field ``finding`` points at in ``document``, or None."""
    if finding.section in _TEXT_FIELDS:
        return getattr(document, finding.section)
    if finding.section in _ITEM_TEXT and finding.position is not None:
        items = getattr(document, finding.section)
        if finding.position < len(items):
            return getattr(items[finding.position], finding.subfield or _ITEM_TEXT[finding.section])
    return None


def finding_span(document, finding: Finding) -> dict | None:
    """Where the finding's quote stands in its field's text: only when the finding was made on
    that very text (a KPI's language finding reads its name and measure together, a pay finding
    a list of places: no span)."""
    text = field_text(document, finding)
    if not finding.quote or text is None or finding.text != text:
        return None
    start = text.find(finding.quote)
    if start < 0:
        return None
    return {"start": start, "end": start + len(finding.quote)}


def finding_data(finding: Finding, state: str, document, *, field_names: dict | None = None):
    """``finding`` as ``FindingSerializer`` reads it; ``field_names`` renames fields (the text
    check's text is checked as a summary, and its findings say "text")."""
    field_names = field_names or {}
    laws = [
        {
            "jurisdiction": law.jurisdiction,
            "asks": law.asks,
            "what_must_be_shown": law.what_must_be_shown,
            "words": law.words,
            "cite": law.cite,
            "source_title": law.source_title,
            "source_url": law.source_url,
            "facts_checked": law.facts_checked,
        }
        for law in finding.laws
    ]
    places = list(finding.places) or [law.jurisdiction for law in finding.laws if law.asks]
    return {
        "rule": finding.code,
        "key": finding.key,
        "category": finding.category,
        "category_label": CATEGORIES.get(finding.category, finding.category),
        "severity": finding.severity,
        "state": state,
        "message": finding.message,
        "why": finding.why,
        "suggestion": finding.suggestion,
        "quote": finding.quote,
        "field": field_names.get(finding.section, finding.section),
        "position": finding.position,
        "item_id": finding.item_id,
        "subfield": finding.subfield,
        "span": finding_span(document, finding),
        "source": finding.source,
        "source_url": finding.source_url,
        "laws": laws,
        "places": places,
    }
