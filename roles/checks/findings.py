"""What a check reports: one finding, with where, what, why and what to write instead."""

import hashlib
from dataclasses import dataclass

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
