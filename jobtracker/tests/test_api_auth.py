"""API authentication as a client meets it: a missing or bad token is 401 in JSON with a
Bearer challenge (never "CSRF check failed"), a browser session still needs its CSRF token
for writes, and a token is judged alone, never rescued by a cookie beside it."""

import json

import pytest
from django.test import Client

from applications.models import Application

pytestmark = pytest.mark.django_db
BODY = json.dumps({"url": "https://jobs.example.com/postings/1"})


@pytest.fixture
def browser():
    """Like a real browser or curl: CSRF is enforced (Django's test client skips it)."""
    return Client(enforce_csrf_checks=True)


def capture(client, **headers):
    return client.post("/api/capture", BODY, content_type="application/json", **headers)


def test_a_post_without_a_token_is_401_with_a_bearer_challenge(browser):
    response = capture(browser)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="jobtracker"'
    assert response.json()["detail"].startswith("Authentication required")
    assert response["Content-Type"].startswith("application/json")


def test_a_post_with_a_bad_token_is_401_invalid_token(browser, alice_token):
    response = capture(browser, HTTP_AUTHORIZATION="Bearer jt_" + "x" * 43)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="jobtracker", error="invalid_token"'
    assert "token was refused" in response.json()["detail"]
    assert not Application.objects.exists()


def test_a_bad_x_api_key_is_401_too(browser):
    response = capture(browser, HTTP_X_API_KEY="jt_nope")
    assert response.status_code == 401 and "invalid_token" in response["WWW-Authenticate"]


def test_a_get_without_a_token_is_401_with_the_challenge(browser):
    response = browser.get("/api/me")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_a_good_token_needs_no_csrf_token(browser, alice, alice_token):
    response = capture(browser, HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    assert response.status_code == 201 and Application.objects.filter(owner=alice).count() == 1


def test_a_session_post_without_the_csrf_token_is_403(browser, alice):
    browser.force_login(alice)
    response = capture(browser)
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert not Application.objects.exists()


def test_a_session_post_with_the_csrf_token_is_accepted(browser, alice):
    browser.force_login(alice)
    browser.get("/settings/")  # sets the csrftoken cookie, as any page does
    token = browser.cookies["csrftoken"].value
    response = capture(browser, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201 and Application.objects.filter(owner=alice).count() == 1


def test_a_session_read_needs_no_csrf_token(browser, alice):
    browser.force_login(alice)
    assert browser.get("/api/me").json()["username"] == "alice"


def test_a_bad_token_beside_a_good_session_is_still_401(browser, alice):
    browser.force_login(alice)
    browser.get("/settings/")
    response = capture(
        browser,
        HTTP_AUTHORIZATION="Bearer jt_wrong",
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    )
    assert response.status_code == 401 and not Application.objects.exists()


def test_the_same_url_with_and_without_a_trailing_slash_is_one_application(
    api_client, alice, alice_token
):
    first = api_client.post(
        "/api/capture", json.dumps({"url": "https://x.example/jobs/1/"}), token=alice_token
    )
    second = api_client.post(
        "/api/capture", json.dumps({"url": "https://x.example/jobs/1"}), token=alice_token
    )
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Application.objects.get(owner=alice).url == "https://x.example/jobs/1"
