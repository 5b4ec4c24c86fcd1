"""Words, stems, sentences and phrase matching for the guidance checks.

Written here rather than taken from an NLP library: what the checks need is small (English word
stems, which snowballstemmer gives; sentences of job-description prose; "these stems within a few
words of each other, in any order"), and the libraries that do more (spaCy, NLTK) download models
or corpora at run time, which this product cannot do offline.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
# A word, keeping hyphenated compounds and apostrophes inside it ("day-to-day", "company's").
_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
# Sentence ends: . ! ? or a line break, then space; not after a single capital ("e.g. U.S.").
# Linear: the lookbehinds are a fixed two or three characters; only a position right after . ! ?
# starts the space run, which is read once forwards and once back (the lookahead after it fails
# on a space at once); "\n+" reads each run of line breaks once.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Za-z]\.)\s+(?=[\"“(]?[A-Z0-9])|\n+")
# Words a signal phrase may leave out: "the division" matches "the division's" and "a division".
_IGNORED = frozenset({"the", "a", "an", "of", "s"})


#: Characters read as another before any check: text pasted from word processors and PDFs carries
#: curly quotes, non-breaking hyphens and spaces, which the patterns (written with ' " - and a
#: space) would otherwise miss ("driver’s license").
_READ_AS = {
    **dict.fromkeys("‘’‚‛′`", "'"),
    **dict.fromkeys("“”„‟″", '"'),
    **dict.fromkeys("\u2010\u2011", "-"),  # hyphen, non-breaking hyphen
    **dict.fromkeys("\u00a0\u2007\u202f\u2009\u200a\u3000", " "),  # no-break and thin spaces
}
#: Characters that are not there for a reader: a soft hyphen (shown only at a line break), the
#: zero-width space and joiners, the byte-order mark.
_DROPPED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True)
class Normalised:
    """A text as the checks read it (``text``) and as it was typed (``original``), with, for each
    character of ``text``, the offset in ``original`` it came from: a ligature gives two or three
    characters from one, a soft hyphen none, so lengths differ."""

    text: str
    original: str
    #: None when nothing changed: every offset is its own.
    origins: tuple[int, ...] | None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Where ``text[start:end]`` is in ``original``, whatever was dropped inside it."""
        if self.origins is None:
            return start, end
        if start >= end or start >= len(self.origins):
            at = self.origins[start] if start < len(self.origins) else len(self.original)
            return at, at
        return self.origins[start], self.origins[end - 1] + 1

    def as_typed(self, start: int, end: int) -> str:
        low, high = self.original_span(start, end)
        return self.original[low:high]


#: Any character ``normalise`` changes: a text without one (most) is returned as it is.
_CHANGED = re.compile(
    "[" + re.escape("".join(_READ_AS) + "".join(_DROPPED)) + "\ufb00-\ufb06\uff01-\uff5e]"
)


def normalise(text: str) -> Normalised:
    """``text`` as every check reads it: curly quotes and apostrophes straight, non-breaking and
    soft hyphens, no-break spaces, ligatures and full-width forms as their plain letters. One
    pass, each character looked at once."""
    if not _CHANGED.search(text):
        return Normalised(text, text, None)
    out: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        if char in _DROPPED:
            continue
        if char in _READ_AS:
            plain = _READ_AS[char]
        elif "\ufb00" <= char <= "\ufb06" or "\uff01" <= char <= "\uff5e":
            plain = unicodedata.normalize("NFKC", char)  # "ﬁ" -> "fi", "Ａ" -> "A"
        else:
            plain = char
        out.append(plain)
        origins.extend([index] * len(plain))
    return Normalised("".join(out), text, tuple(origins))


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    stem: str


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    word = word.removesuffix("'s").removesuffix("'")
    # One spelling for the stemmer: "organisation" and "organization" are one word.
    word = re.sub(r"isation(s?)$", r"ization\1", word)
    return _STEMMER.stemWord(word)


def words(text: str) -> list[tuple[str, int, int]]:
    """Every word of ``text`` with its span, hyphenated compounds kept whole."""
    return [(match.group(), match.start(), match.end()) for match in _WORD.finditer(text)]


def tokens(text: str) -> list[Token]:
    """Every word of ``text`` as a token; a hyphenated compound gives one token per part, so
    "company-wide" matches "company wide"."""
    result = []
    for word, start, _end in words(text):
        offset = start
        for part in word.split("-"):
            result.append(Token(part, offset, offset + len(part), stem(part)))
            offset += len(part) + 1
    return result


def sentences(text: str) -> list[tuple[str, int]]:
    """The sentences of ``text``, each with its offset."""
    result, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            result.append((text[start : match.start()], start))
        start = match.end()
    if text[start:].strip():
        result.append((text[start:], start))
    return result


def phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(token.stem for token in tokens(phrase) if token.text.lower() not in _IGNORED)


@dataclass(frozen=True)
class PhraseMatch:
    key: object
    positions: frozenset[int]
    start: int  # character offsets in the text
    end: int


#: Words that end a phrase: "operates as a model site" is not "operating model", "operations and
#: maintenance budget" not "operations budget".
_PHRASE_BREAKS = frozenset(
    {"as", "and", "or", "but", "nor", "not", "than", "rather", "instead", "below", "while", "so"}
)
#: At most this many words between two words of a phrase ("capital spending plan").
_PHRASE_GAP = 2


#: Punctuation that ends a phrase: "production managers, 11 line leads" is a list, not
#: "production line".
_PHRASE_BREAK_MARKS = re.compile(r"[,;:()\[\]]")


def find_phrases(
    found: list[Token], phrases: list[tuple[object, tuple[str, ...]]], text: str = ""
) -> list[PhraseMatch]:
    """Where each phrase's stems occur in order, at most two words apart, with no clause word
    ("as", "and", "not", "rather") and, when ``text`` (the words' text) is given, no comma or
    bracket between them: "sets the company's operating model" matches "company operating
    model". The longest phrases first, and no word counted for two phrases ("executive team"
    takes "team" from "team")."""
    by_stem: dict[str, list[int]] = {}
    for index, token in enumerate(found):
        by_stem.setdefault(token.stem, []).append(index)  # ascending: ``bisect`` reads them
    # Whether punctuation stands right before each word: the text between two neighbours is
    # read once here, not once per phrase tried.
    marked = [
        bool(text)
        and index > 0
        and _PHRASE_BREAK_MARKS.search(text, found[index - 1].end, token.start) is not None
        for index, token in enumerate(found)
    ]
    candidates = []
    for key, stems in phrases:
        if not stems or stems[0] not in by_stem:
            continue
        for anchor in by_stem[stems[0]]:
            used, last = [anchor], anchor
            for other in stems[1:]:
                # Only the next few positions are looked at, so a long text of repeated words
                # stays linear.
                indexes = by_stem.get(other, ())
                low = bisect.bisect_right(indexes, last)
                nearest = indexes[low] if low < len(indexes) else None
                if nearest is None or nearest - last - 1 > _PHRASE_GAP:
                    break
                if any(found[i].text.lower() in _PHRASE_BREAKS for i in range(last + 1, nearest)):
                    break
                if any(marked[i] for i in range(last + 1, nearest + 1)):
                    break
                used.append(nearest)
                last = nearest
            else:
                candidates.append((key, frozenset(used)))
    candidates.sort(key=lambda candidate: (-len(candidate[1]), min(candidate[1])))
    taken: set[int] = set()
    matches = []
    for key, positions in candidates:
        if positions & taken:
            continue
        taken |= positions
        matches.append(
            PhraseMatch(key, positions, found[min(positions)].start, found[max(positions)].end)
        )
    return sorted(matches, key=lambda match: match.start)


#: Where a clause ends inside a sentence: a semicolon, a colon, a dash between spaces, or a comma
#: before a word that turns the sentence ("…, rather than", "…, but", "…, so").
CLAUSE_END = re.compile(
    r"[;:]\s*|\s+[–—-]\s+|,\s*(?=(?:rather|but|so|while|whereas|which|not|instead|although)\b)",
    re.IGNORECASE,
)
#: Words after which a clause says what the role is not: its signals count for nothing.
NEGATION = re.compile(
    r"\b(?:not(?!\s+only)|no|never|rather\s+than|instead\s+of|below|beneath|without|"
    r"stays?\s+with|other\s+than|outside)\b",
    re.IGNORECASE,
)


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every clause of ``text``: its sentences, cut where a clause ends."""
    spans = []
    for sentence, offset in sentences(text):
        start = 0
        for match in [*CLAUSE_END.finditer(sentence), None]:
            end = match.start() if match else len(sentence)
            spans.append((offset + start, offset + end))
            start = match.end() if match else end
    return spans


def clauses(sentence: str) -> list[tuple[str, int]]:
    """The clauses of ``sentence``, each with its offset, ended where a clause ends and cut short
    where a negation starts ("one tier below the executive team": nothing after "below")."""
    result, start = [], 0
    for match in [*CLAUSE_END.finditer(sentence), None]:
        end = match.start() if match else len(sentence)
        clause = sentence[start:end]
        if negation := NEGATION.search(clause):
            clause = clause[: negation.start()]
        if clause.strip():
            result.append((clause, start))
        start = match.end() if match else end
    return result


def names_any(text: str, title_words: tuple[str, ...]) -> bool:
    """Whether ``text`` names any of ``title_words`` as whole words (plurals too)."""
    # Linear: an escaped word between one-character lookarounds is tried once per position, in
    # at most the word's length; nothing in it can backtrack further.
    return any(
        re.search(rf"(?<![\w-]){re.escape(word)}s?(?![\w-])", text, re.IGNORECASE)
        for word in title_words
        if word
    )
