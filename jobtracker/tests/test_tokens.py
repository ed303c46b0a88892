import pytest

from jobtracker.models import ApiToken, hash_token

pytestmark = pytest.mark.django_db


def test_creating_a_token_shows_the_key_once_and_stores_only_its_hash(alice_client, alice):
    response = alice_client.post("/settings/tokens/", {"name": "Firefox"})
    assert response.status_code == 200
    raw = response.context["raw_key"]
    assert raw.startswith("jt_") and raw.encode() in response.content
    token = ApiToken.objects.get(user=alice)
    assert token.name == "Firefox"
    assert token.key_hash == hash_token(raw) and raw not in token.key_hash
    assert raw.startswith(token.prefix)
    # The settings page afterwards lists the token but never the key again.
    page = alice_client.get("/settings/")
    assert b"Firefox" in page.content and raw.encode() not in page.content


def test_token_create_by_htmx_answers_the_fragment(alice_client):
    response = alice_client.post("/settings/tokens/", {"name": "x"}, headers={"HX-Request": "true"})
    assert b"<html" not in response.content
    assert b"copy it now" in response.content


def test_token_authenticates_the_api_and_records_last_use(api_client, alice, alice_token):
    response = api_client.get("/api/me", token=alice_token)
    assert response.status_code == 200
    assert response.json()["username"] == "alice"
    assert ApiToken.objects.get(user=alice).last_used_at is not None


def test_token_works_as_x_api_key_header(client, alice_token):
    assert client.get("/api/me", headers={"X-API-Key": alice_token}).status_code == 200


def test_revoked_token_gets_401(api_client, alice_client, alice, alice_token):
    token = ApiToken.objects.get(user=alice)
    response = alice_client.post(f"/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert api_client.get("/api/me", token=alice_token).status_code == 401


def test_unknown_or_malformed_token_gets_401(api_client, alice_token):
    assert api_client.get("/api/me", token="jt_" + "x" * 43).status_code == 401
    assert api_client.get("/api/me", token=alice_token[3:]).status_code == 401


def test_bob_cannot_revoke_alices_token(bob_client, alice, alice_token, api_client):
    token = ApiToken.objects.get(user=alice)
    bob_client.post(f"/settings/tokens/{token.pk}/revoke/")
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert api_client.get("/api/me", token=alice_token).status_code == 200


def test_inactive_users_token_gets_401(api_client, alice, alice_token):
    alice.is_active = False
    alice.save()
    assert api_client.get("/api/me", token=alice_token).status_code == 401


def test_session_api_calls_need_the_csrf_token_for_writes(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get("/api/me").status_code == 200  # reads are fine on the session


def test_api_throttles_a_token_with_429(api_client, alice_token, settings):
    from jobtracker.api import api

    limit = next(t for t in api.throttle if t.scope == "auth").num_requests
    codes = [api_client.get("/api/me", token=alice_token).status_code for _ in range(limit + 1)]
    assert codes[:limit] == [200] * limit
    assert codes[-1] == 429


def test_throttling_is_per_token(api_client, alice_token, bob_token):
    from jobtracker.api import api

    limit = next(t for t in api.throttle if t.scope == "auth").num_requests
    for _ in range(limit):
        api_client.get("/api/me", token=alice_token)
    assert api_client.get("/api/me", token=alice_token).status_code == 429
    assert api_client.get("/api/me", token=bob_token).status_code == 200


def test_api_docs_are_served_offline(alice_client):
    assert alice_client.get("/api/docs").status_code == 200
    schema = alice_client.get("/api/openapi.json").json()
    assert "/api/me" in schema["paths"]
