"""Counting work instead of timing it: a busy machine blurs seconds, not lines run."""

import sys


def lines_run(function, *args) -> int:
    """How many lines of Python ``function(*args)`` runs (its callees' included)."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        function(*args)
    finally:
        sys.settrace(previous)
    return count


def grows_linearly(work_at_n: int, work_at_4n: int) -> bool:
    """Whether work measured at a size and at four times it is linear: four times (plus a
    constant), where quadratic work is sixteen times."""
    return work_at_4n <= 5 * work_at_n
