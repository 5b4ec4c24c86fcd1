"""What a check reports: one finding, with where, what, why and what to write instead."""

import hashlib
from dataclasses import dataclass
from datetime import date

#: The panel's groups, in the order it shows them.
CATEGORIES = {
    "level": "Level fit",
    "language": "Inclusive language",
    "readability": "Readability and length",
    "pay": "Pay transparency",
    "completeness": "Completeness",
}

#: How much a finding asks: "required" (a law or a rule of the product), "advice", or "info"
#: (shown, never counted: a gender verdict of neutral, a rule not in force yet).
SEVERITIES = ("required", "advice", "info")


@dataclass(frozen=True)
class LawCited:
    """One law a pay finding rests on, as plain values: the panel tells it in the finding's
    "why"; the API (``/api/v1/drafts/{id}/findings/``) gives each part its own field."""

    jurisdiction: str
    #: What the law asks to be shown, in the rule's summary.
    what_must_be_shown: str = ""
    #: The law's own words on the item and where they are ("" when they were not checked).
    words: str = ""
    cite: str = ""
    source_title: str = ""
    source_url: str = ""
    facts_checked: date | None = None
    #: False for a law that only advises the item (told under "Also advised for").
    asks: bool = True


@dataclass(frozen=True)
class Finding:
    category: str
    code: str
    message: str
    why: str = ""
    #: The document field it points at ("summary", "responsibilities", "salary_min") and, for a
    #: list, the 0-based position of the item and the item's id when saved.
    section: str = ""
    position: int | None = None
    item_id: int | None = None
    subfield: str = ""
    #: The exact words, as written.
    quote: str = ""
    suggestion: str = ""
    source: str = ""
    source_url: str = ""
    severity: str = "advice"
    #: The whole text the finding points at: a dismissal holds while it is unchanged.
    text: str = ""
    #: A grouped finding's places when its message names only the first few and "N more" (a
    #: pay item asked by many laws): the panel lists them all behind "show all".
    places: tuple[str, ...] = ()
    #: The laws a pay finding rests on (none for any other finding).
    laws: tuple[LawCited, ...] = ()

    @property
    def key(self) -> str:
        """Names the finding across edits of other text: its kind, where, and the words."""
        where = self.item_id if self.item_id is not None else self.position
        return f"{self.code}:{self.section}:{'' if where is None else where}:{self.quote.lower()}"[
            :200
        ]

    @property
    def text_digest(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def counts(self) -> bool:
        return self.severity != "info"
