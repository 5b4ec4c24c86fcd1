"""Tasks for tests of the queue itself: slow enough to be caught running."""

import time

from django_tasks import task


@task()
def sleep_then_say(seconds: float, word: str) -> str:
    time.sleep(seconds)
    return word
