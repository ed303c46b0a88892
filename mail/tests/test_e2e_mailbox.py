"""In a real browser against a real Dovecot on 127.0.0.1 (as Proton Mail Bridge would be):
add the mailbox through the form, test it, save, sync, and settle the email the matcher
could not place from the inbox."""

import pytest
from playwright.sync_api import expect

from applications.models import Application, Status
from mail.models import Email, Mailbox, Security
from testkit.imap_server import PASSWORD, make_message

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bridge_like(settings):
    """Only the documented switch: loopback IMAP on, no test-only shortcuts."""
    settings.HTTP_ALLOW_LOOPBACK = False
    settings.IMAP_ALLOW_PLAIN = False
    settings.IMAP_ALLOW_LOOPBACK = True


def test_add_a_local_mailbox_sync_it_and_link_the_email_waiting_for_review(
    journey, alice, dovecot, imap_user, bridge_like
):
    sre = Application.objects.create(owner=alice, company="Acme", title="Site Reliability Engineer",
                                     status=Status.APPLIED)  # fmt: skip
    Application.objects.create(owner=alice, company="Acme", title="Data Engineer",
                               status=Status.APPLIED)  # fmt: skip
    # Two applications at Acme and a reply naming neither job: it must wait for a person.
    dovecot.append(imap_user, make_message(
        "Your application at Acme",
        "Hi Alice, thank you for your interest in Acme. After careful consideration we have "
        "decided not to move forward with your application.",
    ))  # fmt: skip
    page = journey.page
    journey.login("alice", "alice-pass-123")

    page.get_by_role("navigation", name="Main").get_by_text("More").click()
    page.get_by_role("link", name="Mailboxes").click()
    page.get_by_role("button", name="Add a mailbox").click()
    expect(page.get_by_role("heading", name="Add a mailbox")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Proton via Bridge")
    page.get_by_label("Host").fill("127.0.0.1")
    page.get_by_label("Port").fill(str(dovecot.port))
    page.get_by_label("Security").select_option(label="None (this machine only)")
    page.get_by_label("Username").fill(imap_user)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    expect(page.get_by_label("Enabled")).to_be_checked()
    page.get_by_label("Ask the language model when the rules are unsure").check()
    page.get_by_label("Ask the language model when the rules are unsure").uncheck()
    journey.fits()
    journey.look("form")

    page.get_by_role("button", name="Test connection").click()
    expect(page.locator("#connection-result")).to_have_text(
        "Connected and logged in. Folders: INBOX (1 messages)."
    )
    expect(page.get_by_label("Password", exact=True)).to_have_value(
        PASSWORD
    )  # still typed: nothing reloaded
    assert not Mailbox.objects.exists()  # testing saves nothing
    journey.look("form-tested")

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Mailbox Proton via Bridge saved.")).to_be_visible()
    box = Mailbox.objects.get(owner=alice)
    assert (box.host, box.security, box.enabled) == ("127.0.0.1", Security.PLAIN, True)
    row = page.get_by_role("row", name="Proton via Bridge")
    row.get_by_role("button", name="Test connection").click()
    expect(row.get_by_role("status")).to_contain_text("Connected and logged in.")
    row.get_by_role("button", name="Sync now").click()
    expect(page.get_by_text("Reading Proton via Bridge now.")).to_be_visible()
    expect(page.get_by_role("row", name="Proton via Bridge")).to_contain_text("1 new")
    journey.fits()
    journey.look("mailboxes")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Inbox").click()
    expect(page.get_by_role("link", name="Waiting (1)")).to_be_visible()
    card = page.locator("article.email-card", has_text="Your application at Acme")
    expect(card).to_contain_text("Site Reliability Engineer")
    expect(card).to_contain_text("Data Engineer")
    journey.fits()
    journey.look("inbox")

    card.get_by_role("listitem").filter(has_text="Site Reliability Engineer").get_by_role(
        "button", name="Link"
    ).click()
    expect(page.get_by_text("Linked to Acme – Site Reliability Engineer.")).to_be_visible()
    expect(page.get_by_role("link", name="Waiting (0)")).to_be_visible()
    page.get_by_role("link", name="Linked (1)").click()
    expect(page.locator("article.email-card")).to_contain_text(
        "Linked to Acme – Site Reliability Engineer"
    )
    journey.look("inbox-linked")
    assert Email.objects.get(owner=alice).application_id == sre.pk
    sre.refresh_from_db()
    assert sre.status == Status.REJECTED
