"""Every page needs a login, except the few that must be public. Walks the URLconf itself."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# (namespace-qualified) route names and path prefixes that anonymous users may reach.
PUBLIC_NAMES = {
    "home",
    "setup",
    "signup",
    "login",
    "logout",
    "healthz",
    "favicon",
    "readyz",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "applications:calendar-feed",  # token-protected, for calendar apps that cannot log in
}
PUBLIC_PREFIXES = ("admin/",)  # the admin has its own login page
API_PREFIX = "api/"


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}{p.name}" if p.name else None


def _concrete(route: str) -> str:
    """Turn a route into a requestable path, filling converters with plausible values."""
    route = re.sub(r"<int:[^>]+>", "1", route)
    route = re.sub(r"<(?:str|slug|path)?:?[^>]+>", "x", route)
    route = route.lstrip("^").rstrip("$").replace("\\Z", "")
    route = re.sub(r"\(\?P<[^>]+>[^)]*\)", "1", route)
    return "/" + route


def protected_routes():
    for route, name in _walk(get_resolver().url_patterns):
        if route.startswith(API_PREFIX) or route.startswith(PUBLIC_PREFIXES):
            continue
        if name in PUBLIC_NAMES:
            continue
        yield _concrete(route), name


def test_urlconf_walk_finds_the_app_pages():
    names = {name for _, name in protected_routes()}
    assert {"settings", "applications:dashboard", "boards:board-list"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_non_public_url_redirects_anonymous_users_to_login(client, alice, method):
    # alice exists, so first-run setup is over and the login page is the gate.
    routes = list(protected_routes())
    assert routes
    for path, name in routes:
        response = getattr(client, method)(path)
        assert response.status_code == 302, f"{name} {path} answered {response.status_code}"
        assert response["Location"].startswith("/login/"), (
            f"{name} {path} -> {response['Location']}"
        )


@pytest.mark.django_db
def test_api_answers_401_not_a_redirect_to_anonymous(client):
    response = client.get("/api/me")
    assert response.status_code == 401


@pytest.mark.django_db
def test_health_endpoints_are_public(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["database"] == "ok"
    assert body["migrations"] == "ok"
    assert body["queue_oldest_task_age_seconds"] is None


@pytest.mark.django_db
def test_readyz_reports_the_age_of_the_oldest_waiting_task(client):
    from datetime import timedelta

    from django.utils import timezone
    from django_q.models import OrmQ

    OrmQ.objects.create(key="jobtracker", payload="x", lock=timezone.now() - timedelta(minutes=5))
    age = client.get("/readyz").json()["queue_oldest_task_age_seconds"]
    assert 299 <= age <= 360


@pytest.mark.django_db(transaction=True)
def test_migrate_alone_creates_the_database_cache_table_and_readyz_checks_it(client, settings):
    """A server set up with `manage.py migrate` alone (no createcachetable) has a cache."""
    from importlib import import_module

    from django.core.cache import caches
    from django.db import connection

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                    "LOCATION": "jobtracker_cache"},
    }  # fmt: skip
    migration = import_module("jobtracker.migrations.0003_cache_table")
    with connection.schema_editor() as editor:
        migration.create_cache_table(None, editor)
        migration.create_cache_table(None, editor)  # twice: an existing table is kept
    assert "jobtracker_cache" in connection.introspection.table_names()
    caches["default"].set("k", "v")
    assert client.get("/readyz").json()["cache"] == "ok"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE jobtracker_cache")
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["cache"].startswith("unusable")
