"""The mailbox form: checkboxes inside their labels, and a server on this machine (Proton Mail
Bridge, a local Dovecot) allowed by one named setting, with plain IMAP for it alone."""

import html
import re

import pytest
from django.urls import reverse

from mail.forms import MailboxForm
from mail.models import Mailbox, Security

from .factories import make_mailbox

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {"name": "Bridge", "host": "127.0.0.1", "port": 1143, "security": Security.PLAIN,
            "username": "alice@proton.me", "password": "bridge-pass", "folders": "INBOX",
            "enabled": "on"}  # fmt: skip
    return {**data, **overrides}


@pytest.fixture
def no_loopback(settings):
    settings.HTTP_ALLOW_LOOPBACK = False  # the test settings' switch for fetching from 127.0.0.1
    settings.IMAP_ALLOW_LOOPBACK = False
    settings.IMAP_ALLOW_PLAIN = False


@pytest.fixture
def loopback(no_loopback, settings):
    settings.IMAP_ALLOW_LOOPBACK = True


def test_a_checkbox_is_inside_its_label_with_its_help_after_it(alice_client):
    page = alice_client.get(reverse("mail:mailbox-create")).content.decode()
    label = re.search(r'<label for="id_enabled"[^>]*>(.*?)</label>', page, re.S).group(1)
    assert label.strip().startswith('<input type="checkbox" name="enabled"')
    assert label.strip().endswith("Enabled")
    after = page.split('<label for="id_ask_model_when_unsure"', 1)[1].split("</label>", 1)[1]
    assert after.lstrip().startswith('<small class="field-check-help" id="id_ask_model_when_unsure')


def test_help_text_is_tied_to_its_field_for_screen_readers(alice_client):
    page = alice_client.get(reverse("mail:mailbox-create")).content.decode()
    assert 'aria-describedby="id_password_helptext"' in page
    assert 'id="id_password_helptext"' in page


def test_a_server_on_this_machine_is_refused_naming_the_setting(alice_client, no_loopback):
    for host in ("127.0.0.1", "localhost", "127.1.2.3"):
        response = alice_client.post(reverse("mail:mailbox-create"), form_data(host=host))
        assert "IMAP_ALLOW_LOOPBACK=true" in html.unescape(response.content.decode())
    assert not Mailbox.objects.exists()


def test_with_imap_allow_loopback_bridge_on_127_0_0_1_saves_with_plain_imap(
    alice_client, alice, loopback
):
    response = alice_client.post(reverse("mail:mailbox-create"), form_data())
    assert response.status_code == 302
    box = Mailbox.objects.get(owner=alice)
    assert (box.host, box.port, box.security) == ("127.0.0.1", 1143, Security.PLAIN)


def test_plain_imap_to_a_server_elsewhere_is_refused_even_with_loopback_on(loopback):
    form = MailboxForm(form_data(host="imap.example.com"), instance=Mailbox())
    assert not form.is_valid()
    assert "only for a mail server on this machine" in form.errors["security"][0]


def test_the_security_choices_say_what_none_is_for(loopback):
    labels = dict(MailboxForm().fields["security"].choices)
    assert labels[Security.PLAIN] == "None (this machine only)"
    assert "Proton Mail Bridge" in MailboxForm().fields["host"].help_text


def test_the_host_help_mentions_bridge_only_where_it_can_work(no_loopback):
    assert "Bridge" not in MailboxForm().fields["host"].help_text


def test_testing_from_the_form_saves_nothing_and_never_echoes_the_password(alice_client, loopback):
    data = form_data(port=1, action="test")  # nothing listens on port 1
    response = alice_client.post(reverse("mail:mailbox-create"), data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Connection refused by 127.0.0.1:1" in body and "bridge-pass" not in body
    assert not Mailbox.objects.exists()


def test_testing_an_invalid_form_says_what_to_fix(alice_client, loopback):
    data = form_data(host="imap.example.com", action="test")
    response = alice_client.post(reverse("mail:mailbox-create"), data, HTTP_HX_REQUEST="true")
    assert "Fix the form first." in html.unescape(response.content.decode())


def test_testing_bobs_mailbox_from_its_form_is_404(client, alice, bob, loopback):
    box = make_mailbox(alice, host="127.0.0.1", port=1)
    client.force_login(bob)
    response = client.post(reverse("mail:mailbox-edit", args=[box.pk]), form_data(action="test"))
    assert response.status_code == 404


def test_testing_from_the_form_needs_a_login(client):
    response = client.post(reverse("mail:mailbox-create"), form_data(action="test"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")
