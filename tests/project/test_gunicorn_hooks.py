"""gunicorn.conf.py's hooks, called as gunicorn calls them, on this process's real collector."""

import gc
import runpy
import weakref
from pathlib import Path
from types import SimpleNamespace

import pytest

HOOKS = runpy.run_path(str(Path(__file__).parents[2] / "gunicorn.conf.py"))


@pytest.fixture
def collector():
    """This process's collector, unfrozen again afterwards (the test process must not keep
    what a hook froze). Automatic collections are off meanwhile: only a hook collects."""
    gc.unfreeze()
    gc.disable()
    try:
        yield gc
    finally:
        gc.enable()
        gc.unfreeze()


class Cycle:
    itself: "Cycle"


def after_request(number: int, content_length: int = 0) -> None:
    environ = {"CONTENT_LENGTH": str(content_length)}
    HOOKS["post_request"](SimpleNamespace(nr=number), None, environ, None)


def test_a_worker_freezes_what_it_holds_after_its_first_requests_only(collector):
    after_request(1)
    frozen = collector.get_freeze_count()
    # What a worker holds after its first request: nearly everything it will ever hold.
    assert frozen > 10_000
    for number in (2, 3, 24):
        after_request(number)
    assert collector.get_freeze_count() == frozen  # small requests in between: nothing

    cycle = Cycle()
    cycle.itself = cycle  # only the collector frees it
    freed = weakref.ref(cycle)
    del cycle
    after_request(25)
    assert collector.get_freeze_count() > frozen
    # Collected before the freeze, not frozen with the rest for the worker's life.
    assert freed() is None


def test_a_large_request_is_followed_by_a_full_collection(collector):
    collections = collector.get_stats()[2]["collections"]
    after_request(7, content_length=HOOKS["LARGE_BODY_BYTES"])
    assert collector.get_stats()[2]["collections"] == collections + 1
    after_request(8, content_length=1_000)
    assert collector.get_stats()[2]["collections"] == collections + 1
    assert collector.get_freeze_count() == 0
