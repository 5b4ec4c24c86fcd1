"""The printable-characters rule, as a pure function: the code points are handed in, so these
tests say exactly which fonts they pretend to have."""

from roles.checks.printable import FORMAT_CHARACTERS, describe_characters, unprintable_characters

LATIN = frozenset(range(0x20, 0x7F))


def test_characters_no_font_has_are_found_once_each_in_order():
    text = "Ops 🚀 lead 运 🚀 运"
    assert unprintable_characters(text, LATIN) == ["🚀", "运"]
    assert unprintable_characters(text, LATIN | {ord("🚀"), ord("运")}) == []


def test_shaping_characters_need_no_glyph():
    joined = "a\u200db\u200fc\ufe0fd\tline\r\n"
    assert unprintable_characters(joined, LATIN) == []
    assert ord("\u200d") in FORMAT_CHARACTERS


def test_control_characters_are_never_printable():
    assert unprintable_characters("a\x07b\x00", LATIN | {0x07}) == ["\x00"]
    assert unprintable_characters("a\x07b", frozenset()) == ["a", "\x07", "b"]


def test_descriptions_name_each_character_for_a_person():
    assert describe_characters(["\x07", "🧑"]) == "U+0007 (a control character), U+1F9D1 (ADULT)"
    many = describe_characters([chr(0x4E00 + n) for n in range(7)])
    assert many.startswith("U+4E00 (CJK UNIFIED IDEOGRAPH-4E00)")
    assert many.endswith(" and others") and many.count("U+") == 5
