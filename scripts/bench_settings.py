"""The production settings plus the benchmark's URLconf (scripts/bench_urls.py), for `make bench`
only: the trivial view it adds is never part of the product's URLs. The per-person rate limits are
off: one benchmark user downloads the same PDF hundreds of times a minute, and the figures are
about the pages, not the throttle."""

from jdbuilder.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.bench_urls"
RATE_LIMITS_ENABLED = False
