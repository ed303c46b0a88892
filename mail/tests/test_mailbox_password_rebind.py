"""The stored mailbox password goes only to the server it was typed for: changing where or
as whom it logs in (host, port, username, security) asks for it again, on save and on test."""

import html

import pytest
from django.urls import reverse

from mail.models import Security
from mail.views import mailboxes

from .factories import MAILBOX_PASSWORD, make_mailbox

pytestmark = pytest.mark.django_db

CHANGES = [
    ("host", "imap.attacker.example"),
    ("port", 143),
    ("username", "someone-else@example.com"),
    ("security", Security.STARTTLS),
]


def stored_form(box, **overrides) -> dict:
    data = {"name": box.name, "host": box.host, "port": box.port, "security": box.security,
            "username": box.username, "password": "", "folders": box.folders,
            "enabled": "on"}  # fmt: skip
    return {**data, **overrides}


@pytest.fixture
def connections(monkeypatch):
    """Records every connection attempt the mailbox pages make, and makes none."""
    seen = []

    def fake_check(mailbox):
        seen.append((mailbox.host, mailbox.port, mailbox.get_password()))
        return True, "Connected and logged in."

    monkeypatch.setattr(mailboxes, "check_connection", fake_check)
    return seen


@pytest.mark.parametrize(("field", "value"), CHANGES)
def test_changing_where_it_logs_in_with_a_blank_password_is_refused(
    alice_client, alice, field, value
):
    box = make_mailbox(alice)
    before = (box.host, box.port, box.username, box.security, box.password_encrypted)
    response = alice_client.post(
        reverse("mail:mailbox-edit", args=[box.pk]), stored_form(box, **{field: value})
    )
    assert response.status_code == 200
    assert "Enter the password again" in html.unescape(response.content.decode())
    box.refresh_from_db()
    assert (box.host, box.port, box.username, box.security, box.password_encrypted) == before


@pytest.mark.parametrize(("field", "value"), CHANGES)
def test_test_connection_never_sends_the_stored_password_to_a_changed_server(
    alice_client, alice, connections, field, value
):
    box = make_mailbox(alice)
    data = stored_form(box, action="test", **{field: value})
    response = alice_client.post(reverse("mail:mailbox-edit", args=[box.pk]), data)
    assert connections == []
    assert "Enter the password again" in html.unescape(response.content.decode())


def test_test_connection_with_the_password_typed_again_uses_the_typed_one(
    alice_client, alice, connections
):
    box = make_mailbox(alice)
    data = stored_form(box, action="test", host="imap.other.example", password="typed-again")
    alice_client.post(reverse("mail:mailbox-edit", args=[box.pk]), data)
    assert connections == [("imap.other.example", 993, "typed-again")]


def test_test_connection_unchanged_server_keeps_the_stored_password(
    alice_client, alice, connections
):
    box = make_mailbox(alice)
    data = stored_form(box, action="test", name="Renamed", host=box.host.upper())
    alice_client.post(reverse("mail:mailbox-edit", args=[box.pk]), data)
    assert connections == [(box.host, box.port, MAILBOX_PASSWORD)]


def test_a_new_password_with_a_new_host_saves_both(alice_client, alice):
    box = make_mailbox(alice)
    data = stored_form(box, host="imap.moved.example", password="new-pass")
    response = alice_client.post(reverse("mail:mailbox-edit", args=[box.pk]), data)
    assert response.status_code == 302
    box.refresh_from_db()
    assert (box.host, box.get_password()) == ("imap.moved.example", "new-pass")
