"""Hostile editor requests: forms just under the upload limit whose texts are the worst cases for
the guidance checks (the phrase matcher and the readability scorer). Plain standard library, so
the benchmark can send the same requests to gunicorn as the hostile-load test does."""

from urllib.parse import urlencode


def worst_case_text(phrase_words: list[str], size: int) -> str:
    """``size`` characters of one level signal's words over and over, with no sentence end: each
    word is a stem the matcher anchors on, and the scorer reads it all as one sentence."""
    unit = " ".join(phrase_words) + " "
    return (unit * (size // len(unit) + 1))[:size]


def hostile_form(values: dict[str, str], phrase_words: list[str], limit: int) -> dict[str, str]:
    """The editor form ``values`` (as a browser sends them) with every text of every item row set
    to a worst case at its field's limit, and the first responsibility grown until the whole
    form, URL-encoded, is just under ``limit`` bytes."""
    form = dict(values)
    for name in form:
        if name.endswith(("-text", "-measure")) and "__prefix__" not in name:
            form[name] = worst_case_text(phrase_words, 1000)
    body_so_far = len(urlencode(form).encode())
    first = "responsibilities-0-text"
    # One byte of the text is one byte of the body (letters and '+' for a space).
    room = limit - body_so_far + len(form[first]) - 1024
    form[first] = worst_case_text(phrase_words, room)
    assert limit - 2048 < len(urlencode(form).encode()) < limit
    return form
