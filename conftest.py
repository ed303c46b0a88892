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
