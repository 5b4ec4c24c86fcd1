"""A task worker starts its render process as it starts, so the first PDF after `make run` (or a
deploy) renders as fast as the next ones instead of waiting some 3 s for WeasyPrint to load."""

import pytest

from tests.helpers.project import child_pids, gunicorn_server, task_worker, wait_until


@pytest.mark.django_db(transaction=True)
def test_a_new_worker_has_its_render_process_before_any_task(settings):
    if settings.TASKS_BACKEND == "rq":
        pytest.skip("RQ's own worker command starts no render process ahead")
    with task_worker() as worker:

        def render_process_running() -> bool:
            # The worker starts the fork server, which forks the render process.
            return any(child_pids(server) for server in child_pids(worker.pid))

        wait_until(render_process_running, timeout=60, message="no render process started")


@pytest.mark.server
@pytest.mark.django_db(transaction=True)
def test_each_web_worker_starts_its_render_process_as_it_starts():
    with gunicorn_server(workers=2) as (_, master):

        def render_processes_running() -> bool:
            web_workers = child_pids(master.pid)
            return len(web_workers) == 2 and all(
                any(child_pids(server) for server in child_pids(web_worker))
                for web_worker in web_workers
            )

        wait_until(render_processes_running, timeout=60, message="a web worker has no renderer")
