"""A new password ends every credential made with the old one: API tokens, and (by the
credentials_changed signal) anything an app above has issued, such as the calendar link."""

import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.management import call_command
from django.test import Client

from jobtracker.models import ApiToken
from jobtracker.signals import credentials_changed

pytestmark = pytest.mark.django_db

NEW = "brand-new-secret-42"


class UpgradedHasher(MD5PasswordHasher):
    """A "newer" hasher, so signing in re-saves the stored hash as Django's upgrades do."""

    algorithm = "md5-upgraded"


def _change_password(alice) -> Client:
    client = Client()
    client.force_login(alice)
    response = client.post(
        "/password/",
        {"old_password": "alice-pass-123", "new_password1": NEW, "new_password2": NEW},
    )
    assert response["Location"] == "/password/done/"
    return client


def test_a_password_change_revokes_the_api_tokens(api_client, alice, alice_token):
    _change_password(alice)
    assert api_client.get("/api/me", token=alice_token).status_code == 401


def test_the_password_change_done_page_says_the_tokens_were_revoked(alice, alice_token):
    client = _change_password(alice)
    page = client.get("/password/done/")
    assert b"Your API tokens were revoked" in page.content
    assert b"Create new ones in" in page.content


def test_a_password_reset_revokes_the_api_tokens(client, api_client, alice, alice_token):
    client.post("/password/reset/", {"email": "alice@example.com"})
    [message] = mail.outbox
    link = re.search(r"http://testserver(/password/reset/\S+/)", message.body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert api_client.get("/api/me", token=alice_token).status_code == 401


def test_changepassword_from_the_command_line_revokes_the_api_tokens(
    api_client, alice, alice_token, monkeypatch
):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW)
    call_command("changepassword", "alice", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert api_client.get("/api/me", token=alice_token).status_code == 401


def test_a_password_change_sends_credentials_changed_once_for_that_user(alice):
    received = []

    def receiver(sender, user, **kwargs):
        received.append(user.pk)

    credentials_changed.connect(receiver)
    try:
        _change_password(alice)
    finally:
        credentials_changed.disconnect(receiver)
    assert received == [alice.pk]


def test_signing_in_and_a_hash_upgrade_keep_the_tokens(client, alice, alice_token, settings):
    # A sign-in saves last_login; a hasher upgrade re-saves the hash: neither is a new password.
    settings.PASSWORD_HASHERS = [
        f"{__name__}.UpgradedHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    response = client.post("/login/", {"username": "alice", "password": "alice-pass-123"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.password.startswith("md5-upgraded$")  # re-hashed on sign-in
    assert ApiToken.objects.get(user=alice).revoked_at is None


def test_a_new_account_sends_no_credentials_changed(django_user_model):
    received = []

    def receiver(sender, user, **kwargs):
        received.append(user.pk)

    credentials_changed.connect(receiver)
    try:
        django_user_model.objects.create_user("carol", "carol@example.com", "carol-pass-123")
    finally:
        credentials_changed.disconnect(receiver)
    assert received == []


def test_another_users_tokens_survive_a_password_change(alice, bob):
    from jobtracker.services import issue_token

    token, _ = issue_token(bob, "bob's")
    _change_password(alice)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_password_change_ends_the_private_calendar_link(client, alice, bob):
    from applications.calendar import rotate_feed

    alices, bobs = rotate_feed(alice), rotate_feed(bob)
    assert client.get(f"/calendar/{alices}.ics").status_code == 200
    _change_password(alice)
    assert client.get(f"/calendar/{alices}.ics").status_code == 404
    assert client.get(f"/calendar/{bobs}.ics").status_code == 200  # bob's link is his own
