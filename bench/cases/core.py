"""Benchmark cases of the foundation: a full page request against a bare Django request."""

from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from bench import load  # noqa: F401  (registers the mixed-load case)
from bench.harness import Result, case, latency_notes, timed


@case("request", default_size=2000, description="dashboard via the test client vs a bare view")
def request_case(size: int) -> list[Result]:
    user, _ = get_user_model().objects.get_or_create(username="bench-request")
    client = Client()
    client.force_login(user)
    with override_settings(ROOT_URLCONF="bench.urls"):
        client.get("/dashboard/")  # warm caches and template loading
        client.get("/__bench__/bare/")
        page = timed(lambda: _ok(client.get("/dashboard/")), size)
        bare = timed(lambda: _ok(client.get("/__bench__/bare/")), size)
    return [
        Result(
            "request",
            size,
            rate=size / sum(page),
            reference=size / sum(bare),
            unit="req/s",
            notes={**latency_notes(page), "reference": "bare view"},
        )
    ]


def _ok(response) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"bench request failed with {response.status_code}")
