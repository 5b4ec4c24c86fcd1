"""For load balancers and monitors: liveness (``/healthz``) and readiness (``/readyz``).

Anyone gets the status code and ``{"status": ...}``; what each check says (the queue's numbers,
what is wrong) only staff, or a monitor sending ``Authorization: Bearer <HEALTH_TOKEN>``.

Views of the ops room rather than of ``roles/views/``: they answer about the plumbing (database,
cache, task queue), not about a page. ``roles.urls`` is the one module outside the room that
imports them."""

import hmac

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from roles.ops.queue import task_queue_status


def _checks() -> dict:
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "unreachable"
    try:
        cache.set("healthz", "ok", 10)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "unreachable"
    except Exception:  # Any cache backend error means the same thing here.
        checks["cache"] = "unreachable"
    if checks["database"] == "ok":
        try:
            checks["queue"] = task_queue_status()
        except Exception:  # Redis (with TASKS_BACKEND=rq) down: say so, do not fail the check
            checks["queue"] = "unreachable"
    return checks


def _may_see_details(request: HttpRequest) -> bool:
    token = settings.HEALTH_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    by_token = (
        bool(token)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(given.strip().encode(), token.encode())
    )
    return by_token or (request.user.is_authenticated and request.user.is_staff)


def _answer(request: HttpRequest, details: dict, *, healthy: bool) -> JsonResponse:
    status = 200 if healthy else 503
    if not _may_see_details(request):
        details = {"status": "ok" if healthy else "unavailable"}
    return JsonResponse(details, status=status)


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: 200 while the app, its database and its cache answer, whatever the task queue
    says (a backlog must not take every host out of the load balancer); the body reports the
    queue too."""
    checks = _checks()
    healthy = checks["database"] == "ok" and checks["cache"] == "ok"
    return _answer(request, checks, healthy=healthy)


@require_GET
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 503 also when the queue is in trouble (the oldest waiting task has waited too
    long, or too many tasks failed in the last hour), with the reasons in the body."""
    checks = _checks()
    problems = [name for name in ("database", "cache") if checks[name] != "ok"]
    queue = checks.get("queue")
    if queue == "unreachable":
        problems.append("the task queue is unreachable")
        queue = None
    if queue and queue["oldest_wait_seconds"] > settings.TASKS_READY_MAX_WAIT_SECONDS:
        problems.append("tasks are waiting too long")
    if queue and queue["failed_last_hour"] > settings.TASKS_READY_MAX_FAILURES_PER_HOUR:
        problems.append("too many tasks failed in the last hour")
    return _answer(request, {**checks, "problems": problems}, healthy=not problems)
