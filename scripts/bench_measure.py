"""How `make bench` measures, shared by its phases: scripts/bench.py (phases 1 to 5) and
scripts/bench_tasks.py (phase 6, which bench.py runs). Requests timed, alone or from several
sessions at once; measures alternated round by round; the p95; a form saved as a browser saves
it; the rows of the report with their targets. A module of its own so that the two phase modules
import it, not each other.
"""

import itertools
import math
import time
from concurrent.futures import ThreadPoolExecutor
from statistics import median

from tests.helpers.pages import form_values

PASSWORD = "bench-password-1"
#: Caches nothing. REDIS_URL wins over CACHE_URL in the settings, so it is emptied too.
NO_CACHE = {"CACHE_URL": "dummy://", "REDIS_URL": ""}
#: Two workers, never recycled: a restart in the middle of a measurement would charge it a
#: worker's start-up (and, with the cache on, an empty cache).
TWO_WORKERS = {"WEB_CONCURRENCY": "2", "GUNICORN_MAX_REQUESTS": "0"}


def timed(session, url: str) -> float:
    started = time.perf_counter()
    response = session.get(url, timeout=120)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, f"{url} -> {response.status_code}"
    return elapsed


def series(session, url: str, runs: int) -> list[float]:
    return [timed(session, url) for _ in range(runs)]


def concurrent(sessions, url: str, per_session: int) -> tuple[list[float], float]:
    """Each session GETs ``url`` ``per_session`` times in a thread of its own: (times, wall s)."""
    started = time.perf_counter()
    with ThreadPoolExecutor(len(sessions)) as pool:
        times = [*itertools.chain(*pool.map(lambda s: series(s, url, per_session), sessions))]
    return times, time.perf_counter() - started


def alternating(measures: dict, rounds: int, per_round: int) -> dict[str, list[float]]:
    """Milliseconds of each of ``measures`` ``per_round`` times in turn, for ``rounds`` rounds,
    so that machine noise hits all of them alike. A measure is a function returning milliseconds
    or a (session, URL) to GET, which is first requested 4 times so that both workers served it.

    Requests go one at a time. On 2 cores, concurrent requests queue behind one another and the
    median then measures the queue as much as the page (rounds of concurrency 10 varied by ±15%);
    one at a time, each request has a core of its own, the other absorbs this client and the
    machine's noise, and the ratio of medians is the ratio of the work per request."""
    for measure in measures.values():
        if isinstance(measure, tuple):
            series(*measure, 4)
    calls = {name: m if callable(m) else (lambda m=m: timed(*m)) for name, m in measures.items()}
    times: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(rounds):
        for name, measure in calls.items():
            times[name] += [measure() for _ in range(per_round)]
    return times


def p95(values: list[float]) -> float:
    """The nearest-rank 95th percentile: the smallest sample that at least 95% of the samples do
    not exceed (the 19th of 20, the 38th of 40). It once took the sample at index int(0.95 n),
    which for 20 samples is the slowest of all: a p100 under another name."""
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


class FormSaver:
    """Saves one form over and over as a browser does: the page's form with every field as
    shown, its title changed a little each time so that every save writes. Only the POST is
    timed; then the form's page is read again for the next save's values (the editor's version
    lock moves on with every save)."""

    def __init__(self, session, url: str, form_id: str, redirect_to: str, extra=None):
        self.session, self.url, self.form_id = session, url, form_id
        self.redirect_to, self.extra, self.saves = redirect_to, extra or {}, itertools.count(1)
        self.values = self._read()
        self.original = self.values["title"]

    def _read(self) -> dict[str, str]:
        response = self.session.get(self.url, timeout=120)
        assert response.status_code == 200, f"{self.url} -> {response.status_code}"
        return form_values(response.text, self.form_id)

    def __call__(self, after=None) -> float:
        """One save; ``after()``, if given, runs as soon as the save has answered."""
        data = {**self.values, **self.extra, "title": f"{self.original} ({next(self.saves)})"}
        started = time.perf_counter()
        response = self.session.post(self.url, data=data, allow_redirects=False, timeout=120)
        elapsed = (time.perf_counter() - started) * 1000
        # A refused save (invalid form, edit conflict) answers 200 or 409 and must not count.
        location = response.headers.get("Location", "")
        assert response.status_code == 302 and location.endswith(self.redirect_to), (
            f"save of {self.url} -> {response.status_code} {location}"
        )
        if after:
            after()
        self.values = self._read()
        return elapsed


def row(figure: str, value: str, kind="absolute", target="", met: bool | None = None) -> tuple:
    return (figure, value, kind, target, met)


def ratio(times: dict[str, list[float]], first: str, second: str) -> float:
    return median(times[first]) / median(times[second])


def times_row(figure: str, times: list[float]) -> tuple:
    return row(f"{figure}, median / p95", f"{median(times):.0f} / {p95(times):.0f} ms")


def ratio_row(figure: str, value: float, limit: float, at_least=False, unit="") -> tuple:
    shown = f"{value:.0f}{unit}" if unit else f"{value:.2f}"
    met = value >= limit if at_least else value <= limit
    return row(figure, shown, "ratio", f"{'≥' if at_least else '≤'} {limit:g}{unit}", met)


def equal_row(figure: str, first: int, second: int) -> tuple:
    return row(figure, f"{first} / {second}", "count", "equal", first == second)
