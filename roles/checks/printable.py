"""Which characters the PDF cannot print: a character no font of the document has a glyph for
would print as an empty box. Written here because the rule is ours (which fonts, which shaping
characters need no glyph); the code points come from the fonts, passed in by the caller."""

import unicodedata
from collections.abc import Container

# Invisible characters that shape text rather than print (joiners, direction marks, variation
# selectors): fonts need not have glyphs for them.
FORMAT_CHARACTERS = frozenset(
    {0x09, 0x0A, 0x0D, *range(0x200B, 0x2010), *range(0x202A, 0x202F)}
    | {*range(0x2060, 0x2065), *range(0x2066, 0x206A), *range(0xFE00, 0xFE10)}
)


def unprintable_characters(text: str, printable: Container[int]) -> list[str]:
    """The characters of ``text`` whose code points are neither in ``printable`` nor shaping
    characters, once each, in order."""
    return list(
        dict.fromkeys(
            char
            for char in text
            if ord(char) not in printable and ord(char) not in FORMAT_CHARACTERS
        )
    )


def describe_characters(chars: list[str]) -> str:
    """'U+0007 (a control character), U+1F9D1 (ADULT)' for an error message."""
    names = []
    for char in chars[:5]:
        category = unicodedata.category(char)
        label = "a control character" if category.startswith("C") else unicodedata.name(char, "")
        names.append(f"U+{ord(char):04X}" + (f" ({label})" if label else ""))
    return ", ".join(names) + (" and others" if len(chars) > 5 else "")
