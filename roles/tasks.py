"""Background tasks. Each one is thin: it takes ids and values (never model instances, which go
stale in a queue), calls a service, and returns a short word for the task's result.

Services queue these tasks after their writes commit, so this module is imported wherever a
draft is saved. The services a task calls are imported when the task runs: the render service
brings WeasyPrint with it, which a web process that only saves a form need not load."""

from django_tasks import task


@task()
def render_draft_pdf(job_description_id: int, version: int) -> str:
    """Render a draft's PDF ahead of its download."""
    from roles.services.documents import jobdescription_prerender

    return jobdescription_prerender(job_description_id=job_description_id, version=version)
