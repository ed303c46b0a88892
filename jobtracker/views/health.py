"""Liveness and readiness probes, as JSON, open to anyone (they reveal no user data)."""

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_q.models import OrmQ


@never_cache
@login_not_required
def healthz(request):
    return JsonResponse({"status": "ok"})


def _queue_age_seconds() -> float | None:
    # OrmQ.lock is the enqueue time until a worker takes the task (then it moves into the
    # future), so the smallest past lock is the task that has waited longest.
    waiting = OrmQ.objects.filter(lock__lte=timezone.now()).order_by("lock")
    oldest = waiting.values_list("lock", flat=True).first()
    if oldest is None:
        return None
    return max(0.0, (timezone.now() - oldest).total_seconds())


def _cache_check() -> str:
    """The cache holds throttles and uploads between steps: a missing table breaks both."""
    try:
        cache.set("readyz", "ok", 10)
        return "ok" if cache.get("readyz") == "ok" else "not keeping values"
    except Exception as exc:  # a missing table, an unreachable server
        return f"unusable: {exc}"


@never_cache
@login_not_required
def readyz(request):
    checks: dict[str, object] = {}
    ok = True
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any driver error means "not ready"
        return JsonResponse({"status": "error", "database": f"unreachable: {exc}"}, status=503)
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    checks["migrations"] = "ok" if not pending else f"{len(pending)} pending"
    ok = ok and not pending
    checks["cache"] = _cache_check()
    ok = ok and checks["cache"] == "ok"
    checks["queue_oldest_task_age_seconds"] = _queue_age_seconds()
    return JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)
