"""The production settings plus the benchmark's URLconf (scripts/bench_urls.py), for `make bench`
only: the trivial view it adds is never part of the product's URLs."""

from jdbuilder.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.bench_urls"
