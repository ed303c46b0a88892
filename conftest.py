"""Fixtures every test can use: two users who must never see each other's data."""

import pytest
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttle counters live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@example.com", "alice-pass-123")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", "bob@example.com", "bob-pass-123")


@pytest.fixture
def alice_client(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob) -> Client:
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def alice_token(alice) -> str:
    """A raw API key for alice."""
    from jobtracker.services import issue_token

    _, raw = issue_token(alice, "test")
    return raw


@pytest.fixture
def bob_token(bob) -> str:
    from jobtracker.services import issue_token

    _, raw = issue_token(bob, "test")
    return raw


@pytest.fixture
def api_client():
    """A client for the JSON API: `api_client.get(url, token=raw)`."""

    class ApiClient(Client):
        def generic(self, method, path, data="", content_type="application/json", **extra):
            token = extra.pop("token", None)
            if token:
                extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
            return super().generic(method, path, data, content_type, **extra)

    return ApiClient()


# --- End-to-end (Playwright driving Debian's chromium; never `playwright install`) -------------
CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    import os

    if os.path.exists(CHROMIUM):
        # Playwright's sync API runs an event loop; the ORM calls in e2e test bodies are safe.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        return
    skip = pytest.mark.skip(
        reason=f"e2e needs Debian's chromium at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--disable-gpu", "--disable-sync", "--disable-quic", "--no-first-run"],
    }
