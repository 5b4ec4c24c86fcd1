"""Two job descriptions compared section by section, in words a person reads: each field the same
or changed (with the words that changed), and each list's items matched across the two: the same,
moved, changed, or only on one side.

Items match by what they were copied from first: a draft's item records the template item it came
from (``source_id``), so a draft matches its template, and two drafts of one template match each
other, exactly, through any edit or reorder. Items with no such record (two unrelated documents,
drafts made before the record existed) are then matched by their text, most similar first, when
at least ``SIMILAR`` alike. Hand-written on difflib (the standard library's sequence matcher):
the matching rule is the product's, and no library knows its lineage records.
"""

import difflib
from collections import Counter
from dataclasses import dataclass
from itertools import zip_longest

#: How alike (difflib's ratio, 0–1) two unlinked items must be to count as one item changed.
SIMILAR = 0.6


#: Below this share of words in common a text reads as rewritten: it is shown whole, not as a
#: patchwork of struck and underlined words.
ALIKE = 0.5


@dataclass(frozen=True)
class Words:
    """A text's words as "equal", "removed" or "added" runs, for showing what changed; or, for a
    text rewritten rather than edited, ``rewritten`` with the new text in one "added" run."""

    runs: tuple[tuple[str, str], ...]
    rewritten: bool = False


@dataclass(frozen=True)
class ItemChange:
    kind: str  # "same", "moved", "changed", "removed", "added"
    left: str = ""
    right: str = ""
    left_position: int | None = None  # 1-based
    right_position: int | None = None
    words: Words | None = None
    #: The lineage key of the item (the template item it is, or came from), on either side.
    key: int | None = None


@dataclass(frozen=True)
class FieldChange:
    label: str
    left: str
    right: str
    words: Words | None = None

    @property
    def changed(self) -> bool:
        return self.left != self.right


@dataclass(frozen=True)
class Comparison:
    fields: tuple[FieldChange, ...]
    lists: tuple[tuple[str, tuple[ItemChange, ...]], ...]
    #: The lists' names ("responsibilities", "kpis", "qualifications", "locations"), in order.
    list_names: tuple[str, ...] = ()

    @property
    def side_by_side(self) -> list[tuple[str, list, list]]:
        """Each list as rows of two cells (``side_by_side``), for the page: (label, the rows that
        differ, the rows the same on both sides), so a page can fold away what did not change."""
        result = []
        for label, changes in self.lists:
            differ, same = [], []
            for row in side_by_side(changes):
                (same if row[0] is not None and row[0].kind == "same" else differ).append(row)
            result.append((label, differ, same))
        return result

    @property
    def changed_fields(self) -> list["FieldChange"]:
        return [field for field in self.fields if field.changed]

    @property
    def same_fields(self) -> list["FieldChange"]:
        return [field for field in self.fields if not field.changed]

    def counts(self) -> dict[str, int]:
        counts = {"changed fields": len(self.changed_fields)}
        for _, changes in self.lists:
            for change in changes:
                counts[change.kind] = counts.get(change.kind, 0) + 1
        return counts


def word_diff(left: str, right: str) -> Words:
    a, b = left.split(), right.split()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    if a and b and matcher.ratio() < ALIKE:
        return Words((("added", right),), rewritten=True)
    runs = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("added", " ".join(b[j1:j2])))
    return Words(tuple(runs))


#: Words beyond this many do not change how alike two items read.
RATIO_WORDS = 60


@dataclass(frozen=True)
class _Words:
    """An item's words, read once for all the pairs it is scored in."""

    words: tuple[str, ...]
    counts: Counter

    @classmethod
    def of(cls, text: str) -> "_Words":
        words = tuple(text.lower().split()[:RATIO_WORDS])
        return cls(words, Counter(words))


def _ratio(left: _Words, right: _Words) -> float:
    """How alike two texts are (0–1), word by word: two items are the same item changed when
    most of their words are. Words, not letters: any two English sentences share most letters,
    so letter counts would pass nearly every pair to the costly full comparison. The cheap upper
    bounds come first (difflib's real_quick_ratio and quick_ratio, on counts read once per item),
    and most pairs stop there."""
    total = len(left.words) + len(right.words)
    if not total or 2 * min(len(left.words), len(right.words)) / total < SIMILAR:
        return 0.0
    if 2 * sum((left.counts & right.counts).values()) / total < SIMILAR:
        return 0.0
    return difflib.SequenceMatcher(a=left.words, b=right.words, autojunk=False).ratio()


def match_items(
    left: list[tuple[int | None, str]],
    right: list[tuple[int | None, str]],
    *,
    fuzzy: bool = True,
) -> tuple[ItemChange, ...]:
    """Match two lists of (lineage key, text), in order. The lineage key is the template item an
    item comes from (a template item's own id); None where not recorded. Without ``fuzzy``
    (two versions of one template) items match by key only."""
    pairs: dict[int, int] = {}  # right index -> left index
    by_key = {key: index for index, (key, _) in enumerate(left) if key is not None}
    for j, (key, _) in enumerate(right):
        if key is not None and key in by_key and by_key[key] not in pairs.values():
            pairs[j] = by_key[key]
    free_left = [i for i in range(len(left)) if i not in pairs.values()]
    free_right = [j for j in range(len(right)) if j not in pairs]
    left_words = {i: _Words.of(left[i][1]) for i in free_left} if fuzzy else {}
    right_words = {j: _Words.of(right[j][1]) for j in free_right} if fuzzy else {}
    scored = (
        ((_ratio(left_words[i], right_words[j]), i, j) for i in free_left for j in free_right)
        if fuzzy
        else ()
    )
    candidates = sorted((item for item in scored if item[0] >= SIMILAR), reverse=True)
    for _, i, j in candidates:
        if j not in pairs and i not in pairs.values():
            pairs[j] = i
    kept = _in_order(sorted(pairs.items()))
    changes = []
    for j, (_, text) in enumerate(right):
        if j not in pairs:
            changes.append(ItemChange("added", right=text, right_position=j + 1, key=right[j][0]))
            continue
        i = pairs[j]
        before = left[i][1]
        if before != text:
            kind, words = "changed", word_diff(before, text)
        else:
            kind, words = ("same" if (j, i) in kept else "moved"), None
        changes.append(
            ItemChange(
                kind,
                before,
                text,
                left_position=i + 1,
                right_position=j + 1,
                words=words,
                key=right[j][0] if right[j][0] is not None else left[i][0],
            )
        )
    for i, (_, text) in enumerate(left):
        if i not in pairs.values():
            changes.append(ItemChange("removed", left=text, left_position=i + 1, key=left[i][0]))
    return tuple(changes)


def side_by_side(changes: tuple[ItemChange, ...]) -> list[tuple[ItemChange | None, ...]]:
    """Rows of two cells for showing a list side by side: a matched item fills both cells; items
    on one side only fill the empty cells between the same two matched items, so two unrelated
    lists read as two columns, not as one staircase."""
    matched = [change for change in changes if change.kind not in ("added", "removed")]
    gaps: list[tuple[list, list]] = [([], []) for _ in range(len(matched) + 1)]
    gap = 0
    for change in changes:
        if change.kind == "added":
            gaps[gap][1].append(change)
        elif change.kind != "removed":
            gap += 1
    for change in changes:
        if change.kind == "removed":
            # After the matched items that come before it on its own side.
            before = sum(1 for m in matched if m.left_position < change.left_position)
            gaps[before][0].append(change)
    rows: list[tuple[ItemChange | None, ...]] = []
    for index, (lefts, rights) in enumerate(gaps):
        rows += list(zip_longest(lefts, rights))
        if index < len(matched):
            rows.append((matched[index], matched[index]))
    return rows


def _in_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest set of matched pairs whose order is the same on both sides (a longest
    increasing subsequence of left positions, in right order): the rest were moved."""
    best: list[list[tuple[int, int]]] = []
    for pair in pairs:
        longest = max((run for run in best if run[-1][1] < pair[1]), key=len, default=[])
        best.append([*longest, pair])
    return set(max(best, key=len, default=[]))


#: The fields compared: (label, DocumentData attribute). The work locations are a list, compared
#: item by item with the others.
FIELDS = (
    ("Title", "title"),
    ("Level", "level_label"),
    ("Reports to", "reports_to"),
    ("Pay", "salary_range"),
    ("About the role", "summary"),
    ("Scope", "scope"),
    ("Impact on the business", "impact"),
    ("Collaboration and stakeholders", "collaboration"),
    ("Benefits", "benefits"),
)


def compare_documents(
    left, right, *, left_is_template: bool, right_is_template: bool, fuzzy: bool = True
) -> Comparison:
    """``left`` against ``right`` (two ``DocumentData``): a template's items are keyed by their own
    ids, a draft's by the template item they were copied from."""

    def keyed(items, is_template, text):
        return [(item.id if is_template else item.source_id, text(item)) for item in items]

    fields = tuple(
        FieldChange(
            label,
            str(getattr(left, name) or ""),
            str(getattr(right, name) or ""),
            word_diff(str(getattr(left, name) or ""), str(getattr(right, name) or ""))
            if getattr(left, name) != getattr(right, name)
            else None,
        )
        for label, name in FIELDS
    )
    lists, names = [], []
    for label, name, text in (
        ("Key responsibilities", "responsibilities", lambda item: item.text),
        (
            "Key performance indicators",
            "kpis",
            lambda kpi: f"{kpi.name}: {kpi.measure}. Target: {kpi.target} ({kpi.cadence_label}).",
        ),
        ("Qualifications", "qualifications", lambda item: f"{item.text} ({item.kind_label})"),
        ("Work locations", "locations", str),
    ):
        names.append(name)
        lists.append(
            (
                label,
                match_items(
                    keyed(getattr(left, name), left_is_template, text),
                    keyed(getattr(right, name), right_is_template, text),
                    fuzzy=fuzzy,
                ),
            )
        )
    return Comparison(fields, tuple(lists), tuple(names))
