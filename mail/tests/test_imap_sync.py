"""Reading a real Dovecot server: incremental, idempotent, read-only, resumable."""

import logging
import time
from datetime import timedelta
from email.message import EmailMessage

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from mail import imap
from mail.imap import ImapRefused, check_host_allowed, claim_mailbox, sync_mailbox
from mail.models import Email, Mailbox, MailFolder, Security
from mail.tasks import sync_due_mailboxes, sync_mailbox_task
from testkit.imap_server import PASSWORD, DroppingProxy, free_port, make_message

pytestmark = pytest.mark.django_db


def subjects(owner) -> list[str]:
    return sorted(Email.objects.filter(owner=owner).values_list("subject", flat=True))


def test_first_sync_stores_every_message_with_its_fields(alice, dovecot, imap_user, make_mailbox):
    for n in range(3):
        dovecot.append(imap_user, make_message(f"Message {n}", f"Body {n}"))
    reply = make_message("Re: Message 0", message_id="<reply@acme.com>",
                         In_Reply_To="<m0@acme.com>", References="<a@x> <m0@acme.com>")  # fmt: skip
    dovecot.append(imap_user, reply)
    mailbox = make_mailbox(alice, imap_user)
    result = sync_mailbox(mailbox.pk)
    assert result.error == "" and result.complete and result.folders == 1
    assert len(result.new_email_ids) == result.fetched == 4
    assert subjects(alice) == ["Message 0", "Message 1", "Message 2", "Re: Message 0"]
    email = Email.objects.get(owner=alice, subject="Message 1")
    assert email.sender_email == "jobs@acme.com" and email.sender_name == "Acme Jobs"
    assert email.text.strip() == "Body 1" and email.recipients == "alice@example.com"
    assert email.folder == "INBOX" and email.uid == 2 and email.mailbox == mailbox
    assert email.identity == f"mid:{email.message_id}" and email.message_id.endswith("@acme.com")
    assert abs(email.sent_at - timezone.now()) < timedelta(minutes=5)
    reply = Email.objects.get(owner=alice, message_id="reply@acme.com")
    assert reply.in_reply_to == "m0@acme.com" and reply.references == "a@x m0@acme.com"
    mailbox.refresh_from_db()
    assert mailbox.last_success_at and mailbox.last_new_count == 4
    assert mailbox.consecutive_failures == 0 and mailbox.last_error == ""
    state = MailFolder.objects.get(mailbox=mailbox, name="INBOX")
    assert state.last_uid == 4 and state.uidvalidity and state.last_synced_at


def test_sync_leaves_messages_unseen_and_in_place(alice, dovecot, imap_user, make_mailbox):
    for n in range(3):
        dovecot.append(imap_user, make_message(f"Message {n}"))
    sync_mailbox(make_mailbox(alice, imap_user).pk)
    assert dovecot.seen_flags(imap_user) == [False, False, False]


def test_second_sync_stores_only_messages_that_arrived_since(
    alice, dovecot, imap_user, make_mailbox
):
    dovecot.append(imap_user, make_message("Old"))
    mailbox = make_mailbox(alice, imap_user)
    sync_mailbox(mailbox.pk)
    dovecot.append(imap_user, make_message("New"))
    result = sync_mailbox(mailbox.pk)
    assert result.fetched == 1 and Email.objects.get(pk=result.new_email_ids[0]).subject == "New"
    assert subjects(alice) == ["New", "Old"]
    assert MailFolder.objects.get(mailbox=mailbox).last_uid == 2


def test_rerun_without_new_mail_stores_nothing(alice, dovecot, imap_user, make_mailbox):
    dovecot.append(imap_user, make_message("Only"))
    mailbox = make_mailbox(alice, imap_user)
    sync_mailbox(mailbox.pk)
    again = sync_mailbox(mailbox.pk)
    assert again.error == "" and again.fetched == 0 and again.new_email_ids == []
    assert Email.objects.filter(owner=alice).count() == 1
    mailbox.refresh_from_db()
    assert mailbox.last_new_count == 0


def test_uidvalidity_change_rescans_without_storing_anything_twice(
    alice, dovecot, imap_user, make_mailbox
):
    first = [
        make_message("A", message_id="<a@acme.com>"),
        make_message("B", message_id="<b@acme.com>"),
    ]
    for raw in first:
        dovecot.append(imap_user, raw, folder="Jobs")
    mailbox = make_mailbox(alice, imap_user, folders="Jobs")
    sync_mailbox(mailbox.pk)
    before = MailFolder.objects.get(mailbox=mailbox).uidvalidity
    dovecot.recreate_folder(imap_user, "Jobs")
    for raw in [*first, make_message("C", message_id="<c@acme.com>")]:
        dovecot.append(imap_user, raw, folder="Jobs")
    result = sync_mailbox(mailbox.pk)
    assert MailFolder.objects.get(mailbox=mailbox).uidvalidity != before
    assert result.fetched == 3 and result.skipped_existing == 2 and len(result.new_email_ids) == 1
    assert subjects(alice) == ["A", "B", "C"]


def test_connection_dropped_mid_fetch_is_recorded_and_the_next_sync_completes(
    alice, dovecot, imap_user, make_mailbox, settings, caplog
):
    settings.IMAP_BATCH_SIZE = 2
    for n in range(6):
        dovecot.append(imap_user, make_message(f"Big {n}", f"line {n} " * 4000))  # ~32 KB each
    proxy = DroppingProxy(dovecot.port, limit=100_000)
    try:
        mailbox = make_mailbox(alice, imap_user, port=proxy.port)
        result = sync_mailbox(mailbox.pk)
    finally:
        proxy.stop()
    mailbox.refresh_from_db()
    assert not result.complete and "lost while reading" in result.error
    assert mailbox.last_error == result.error and mailbox.last_error_at
    assert mailbox.consecutive_failures == 1
    assert f"imap sync failed mailbox={mailbox.pk}" in caplog.text
    partial = Email.objects.filter(owner=alice).count()
    assert 0 < partial < 6
    assert MailFolder.objects.get(mailbox=mailbox).last_uid == partial
    Mailbox.objects.filter(pk=mailbox.pk).update(port=dovecot.port)
    again = sync_mailbox(mailbox.pk)
    assert again.error == "" and again.fetched == len(again.new_email_ids) == 6 - partial
    assert subjects(alice) == [f"Big {n}" for n in range(6)]
    mailbox.refresh_from_db()
    assert mailbox.consecutive_failures == 0 and mailbox.last_error == ""


def test_time_limit_stops_cleanly_and_the_next_run_goes_on(
    alice, dovecot, imap_user, make_mailbox, settings
):
    settings.IMAP_BATCH_SIZE, settings.IMAP_MAX_SECONDS_PER_RUN = 1, 0
    for n in range(3):
        dovecot.append(imap_user, make_message(f"Message {n}"))
    mailbox = make_mailbox(alice, imap_user)
    runs = [sync_mailbox(mailbox.pk) for _ in range(3)]
    assert [len(r.new_email_ids) for r in runs] == [1, 1, 1]
    assert [r.complete for r in runs] == [False, False, True]
    assert all(r.error == "" for r in runs)
    assert subjects(alice) == ["Message 0", "Message 1", "Message 2"]


def test_since_skips_older_mail_on_the_first_sync_and_afterwards(
    alice, dovecot, imap_user, make_mailbox
):
    dovecot.append(imap_user, make_message("Last year"), received=time.time() - 400 * 86400)
    dovecot.append(imap_user, make_message("This week"))
    mailbox = make_mailbox(alice, imap_user)
    result = sync_mailbox(mailbox.pk, since=timezone.localdate() - timedelta(days=30))
    assert result.error == "" and subjects(alice) == ["This week"]
    dovecot.append(imap_user, make_message("Today"))
    sync_mailbox(mailbox.pk)
    assert subjects(alice) == ["This week", "Today"]


def test_malformed_message_is_stored_without_crashing(alice, dovecot, imap_user, make_mailbox):
    malformed = (
        b"From: <<<broken\r\nTo: ,,,@\r\nSubject: =?utf-8?B?broken base64?= \xff\r\n"
        b"Date: yesterday at noon\r\nMessage-ID: <<>>\r\n"
        b'Content-Type: multipart/mixed; boundary="never-closed"\r\n\r\n'
        b"--never-closed\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nnot base64 at all \x00\xfe\r\n"
    )
    dovecot.append(imap_user, malformed)
    dovecot.append(imap_user, make_message("Fine after it"))
    mailbox = make_mailbox(alice, imap_user)
    result = sync_mailbox(mailbox.pk)
    assert result.error == "" and len(result.new_email_ids) == 2
    broken = Email.objects.exclude(subject="Fine after it").get(owner=alice)
    assert broken.sent_at is None and "broken" in broken.sender
    assert "\x00" not in broken.text and broken.identity.startswith(f"uid:{mailbox.pk}:")


def test_odd_charsets_are_decoded(alice, dovecot, imap_user, make_mailbox):
    def raw(subject: bytes, charset: str, body: bytes, sender: str) -> bytes:
        head = f"From: {sender}\r\nContent-Type: text/plain; charset={charset}\r\n"
        return head.encode() + b"Subject: " + subject + b"\r\n\r\n" + body

    messages = [
        raw(b"=?iso-8859-1?Q?Bewerbung_f=FCr_Sie?=", "iso-8859-1",
            "Grüße aus München".encode("latin-1"), "hr@latin.de"),
        raw(b"quotes", "windows-1252", b"\x93smart\x94 \x80 5", "hr@cp.com"),
        raw(b"=?x-unknown?Q?Hallo_Welt?=", "x-unknown", "Grüße".encode(), "hr@unknown.com"),
        raw(b"=?utf-8?B?w5xiZXJibGljaw==?= =?utf-8?Q?_=C3=BCber_Sie?=", "utf-8", b"ok",
            "hr@utf8.com"),
        raw("Gehalt für Sie".encode("latin-1"), "utf-8", b"raw 8-bit subject", "hr@raw.com"),
    ]  # fmt: skip
    for message in messages:
        dovecot.append(imap_user, message)
    result = sync_mailbox(make_mailbox(alice, imap_user).pk)
    assert result.error == "" and len(result.new_email_ids) == 5
    by_sender = {e.sender_email: e for e in Email.objects.filter(owner=alice)}
    assert by_sender["hr@latin.de"].subject == "Bewerbung für Sie"
    assert by_sender["hr@latin.de"].text == "Grüße aus München"
    assert by_sender["hr@cp.com"].text == "\u201csmart\u201d \u20ac 5"
    assert by_sender["hr@unknown.com"].subject == "Hallo Welt"
    assert by_sender["hr@unknown.com"].text == "Grüße"
    assert by_sender["hr@utf8.com"].subject == "Überblick über Sie"
    assert by_sender["hr@raw.com"].subject == "Gehalt für Sie"


def test_twenty_megabyte_message_is_stored_with_its_size_and_attachment_listed(
    alice, dovecot, imap_user, make_mailbox, settings
):
    settings.IMAP_MAX_TEXT_CHARS = 1000
    huge = EmailMessage()
    huge["From"], huge["Subject"], huge["Message-ID"] = "hr@acme.com", "Huge", "<huge@acme.com>"
    huge.set_content("See the attachment. " + "More words here. " * 500)
    huge.add_attachment(b"\0" * 20_000_000, maintype="application", subtype="zip",
                        filename="big.zip")  # fmt: skip
    raw = huge.as_bytes()
    dovecot.append(imap_user, raw)
    started = time.monotonic()
    result = sync_mailbox(make_mailbox(alice, imap_user).pk)
    assert result.error == "" and time.monotonic() - started < 30
    big = Email.objects.get(owner=alice, subject="Huge")
    assert big.size >= len(raw) > 20_000_000
    assert big.text.startswith("See the attachment.") and len(big.text) == 1000
    [attachment] = big.attachments
    assert attachment["filename"] == "big.zip" and attachment["content_type"] == "application/zip"
    assert abs(attachment["size"] - 20_000_000) < 400_000  # estimated from the encoded length


def test_wrong_password_records_authentication_failed_and_never_shows_it(
    alice, imap_user, make_mailbox, caplog
):
    wrong = "not-the-password-42"
    mailbox = make_mailbox(alice, imap_user, password=wrong)
    with caplog.at_level(logging.DEBUG):
        first = sync_mailbox(mailbox.pk)
        second = sync_mailbox(mailbox.pk)
        ok, text = imap.test_connection(mailbox)
    mailbox.refresh_from_db()
    assert first.error.startswith("Authentication failed") and second.error == first.error
    assert not ok and text.startswith("Authentication failed")
    assert mailbox.last_error == first.error and mailbox.consecutive_failures == 2
    assert "imap sync failed" in caplog.text
    for shown in (mailbox.last_error, text, caplog.text, mailbox.password_encrypted):
        assert wrong not in shown and PASSWORD not in shown


def test_missing_folder_reason_names_the_folders_that_exist(
    alice, dovecot, imap_user, make_mailbox
):
    dovecot.append(imap_user, make_message("x"), folder="Recruiting")
    mailbox = make_mailbox(alice, imap_user, folders="inbox, Jobz")
    ok, text = imap.test_connection(mailbox)
    assert not ok and text.startswith("Folder 'Jobz' does not exist; folders here:")
    assert "Recruiting" in text and "INBOX" in text
    result = sync_mailbox(mailbox.pk)
    assert result.error == text and not Email.objects.exists()


def test_imaps_with_a_trusted_certificate_syncs(alice, dovecot, imap_user, make_mailbox, settings):
    settings.IMAP_CA_FILE = dovecot.cafile
    dovecot.append(imap_user, make_message("Over TLS"))
    mailbox = make_mailbox(alice, imap_user, port=dovecot.tls_port, security=Security.SSL)
    assert imap.test_connection(mailbox) == (
        True,
        "Connected and logged in. Folders: INBOX (1 messages).",
    )
    assert sync_mailbox(mailbox.pk).error == "" and subjects(alice) == ["Over TLS"]


def test_starttls_with_a_trusted_certificate_connects(
    alice, dovecot, imap_user, make_mailbox, settings
):
    settings.IMAP_CA_FILE = dovecot.cafile
    mailbox = make_mailbox(alice, imap_user, security=Security.STARTTLS)
    assert imap.test_connection(mailbox)[0]


def test_untrusted_certificate_is_a_tls_certificate_error(
    alice, dovecot, imap_user, make_mailbox, settings
):
    settings.IMAP_CA_FILE = ""
    mailbox = make_mailbox(alice, imap_user, port=dovecot.tls_port, security=Security.SSL)
    result = sync_mailbox(mailbox.pk)
    assert result.error.startswith("TLS certificate error")


def test_ssl_against_a_plain_port_suggests_checking_the_security_setting(
    alice, dovecot, imap_user, make_mailbox
):
    mailbox = make_mailbox(alice, imap_user, security=Security.SSL)
    assert "check the security setting" in sync_mailbox(mailbox.pk).error


def test_plain_imap_to_this_machine_needs_only_imap_allow_loopback(
    alice, dovecot, imap_user, make_mailbox, settings
):
    settings.IMAP_ALLOW_PLAIN, settings.HTTP_ALLOW_LOOPBACK = False, False
    settings.IMAP_ALLOW_LOOPBACK = True
    dovecot.append(imap_user, make_message("Over loopback"))
    mailbox = make_mailbox(alice, imap_user)
    assert sync_mailbox(mailbox.pk).error == "" and subjects(alice) == ["Over loopback"]


def test_plain_imap_elsewhere_is_refused_unless_allowed(settings):
    settings.IMAP_ALLOW_PLAIN = False
    with pytest.raises(ImapRefused, match="only for a mail server on this machine"):
        check_host_allowed("93.184.216.34", Security.PLAIN)
    settings.IMAP_ALLOW_PRIVATE = True
    with pytest.raises(ImapRefused, match="only for a mail server on this machine"):
        check_host_allowed("192.168.1.20", Security.PLAIN)  # a LAN is still a network


def test_loopback_host_is_refused_naming_the_setting_unless_allowed(
    alice, dovecot, imap_user, make_mailbox, settings
):
    settings.HTTP_ALLOW_LOOPBACK = False
    dovecot.append(imap_user, make_message("Never read"))
    mailbox = make_mailbox(alice, imap_user, host="localhost")
    result = sync_mailbox(mailbox.pk)
    assert "IMAP_ALLOW_LOOPBACK=true" in result.error and not Email.objects.exists()
    assert "IMAP_ALLOW_LOOPBACK=true" in imap.test_connection(mailbox)[1]


def test_imap_allow_loopback_reaches_this_machine_but_not_the_lan(settings):
    settings.HTTP_ALLOW_LOOPBACK = False
    settings.IMAP_ALLOW_LOOPBACK = True
    assert check_host_allowed("127.0.0.1", Security.PLAIN) == ["127.0.0.1"]
    for host in ("10.1.2.3", "169.254.169.254", "0.0.0.0"):
        with pytest.raises(ImapRefused, match="local or private address"):
            check_host_allowed(host)


def test_an_untrusted_certificate_on_this_machine_explains_bridge(
    alice, dovecot, imap_user, make_mailbox, settings
):
    settings.IMAP_CA_FILE = ""
    mailbox = make_mailbox(alice, imap_user, security=Security.STARTTLS)
    ok, reason = imap.test_connection(mailbox)
    assert not ok and reason.startswith("TLS certificate error")
    assert "Proton Mail Bridge" in reason and "IMAP_CA_FILE" in reason


@pytest.mark.parametrize(
    "host", ["10.1.2.3", "192.168.0.10", "169.254.169.254", "::1", "::ffff:127.0.0.1", "0.0.0.0"]
)
def test_internal_addresses_are_refused(host, settings):
    settings.HTTP_ALLOW_LOOPBACK = False
    with pytest.raises(ImapRefused, match="local or private address|IMAP_ALLOW_LOOPBACK"):
        check_host_allowed(host)


def test_private_addresses_only_with_imap_allow_private(settings):
    settings.IMAP_ALLOW_PRIVATE = True
    assert check_host_allowed("10.1.2.3") == ["10.1.2.3"]
    with pytest.raises(ImapRefused):
        check_host_allowed("169.254.169.254")  # cloud metadata stays out of reach
    assert check_host_allowed("93.184.216.34") == ["93.184.216.34"]


def test_unknown_host_and_closed_port_have_clear_reasons(alice, imap_user, make_mailbox):
    unknown = make_mailbox(alice, imap_user, host="no-such-host.invalid")
    assert sync_mailbox(unknown.pk).error.startswith("DNS lookup failed")
    closed = make_mailbox(alice, imap_user, port=free_port())
    assert sync_mailbox(closed.pk).error.startswith("Connection refused")
    assert imap.connection_error_reason(TimeoutError()).startswith("Timeout")


def test_syncing_bobs_mailbox_never_creates_rows_for_alice(
    alice, bob, dovecot, imap_user, make_mailbox
):
    dovecot.append(imap_user, make_message("Shared account", message_id="<same@acme.com>"))
    sync_mailbox(make_mailbox(bob, imap_user).pk)
    assert subjects(bob) == ["Shared account"] and subjects(alice) == []
    sync_mailbox(make_mailbox(alice, imap_user).pk)
    mine, theirs = Email.objects.get(owner=alice), Email.objects.get(owner=bob)
    assert mine.pk != theirs.pk and mine.identity == theirs.identity
    assert mine.application is None or mine.application.owner == alice


def test_each_folder_keeps_its_own_position(alice, dovecot, imap_user, make_mailbox):
    dovecot.append(imap_user, make_message("In inbox"))
    dovecot.append(imap_user, make_message("In jobs"), folder="Jobs")
    mailbox = make_mailbox(alice, imap_user, folders="INBOX, Jobs")
    result = sync_mailbox(mailbox.pk)
    assert result.folders == 2 and subjects(alice) == ["In inbox", "In jobs"]
    dovecot.append(imap_user, make_message("Later in jobs"), folder="Jobs")
    assert sync_mailbox(mailbox.pk).fetched == 1
    assert Email.objects.get(subject="Later in jobs").folder == "Jobs"


def test_ingest_email_command_prints_progress_and_a_summary(
    alice, dovecot, imap_user, make_mailbox, capsys
):
    dovecot.append(imap_user, make_message("One"))
    mailbox = make_mailbox(alice, imap_user)
    call_command("ingest_email", "--mailbox", str(mailbox.pk))
    out = capsys.readouterr().out
    assert f"mailbox {mailbox.pk} ({mailbox}): INBOX 1/1" in out
    assert f"mailbox {mailbox.pk} ({mailbox}): 1 new, 0 already stored" in out
    assert "read 1 mailbox: 1 new, 0 already stored, 0 failed" in out


def test_ingest_email_command_exits_1_when_a_mailbox_fails(
    alice, bob, imap_user, make_mailbox, capsys
):
    make_mailbox(alice, imap_user)
    bad = make_mailbox(bob, imap_user, password="wrong")
    with pytest.raises(CommandError, match="1 mailbox") as failed:
        call_command("ingest_email", "--user", "bob")
    assert failed.value.returncode == 1
    out = capsys.readouterr().out
    assert f"mailbox {bad.pk} ({bad}): failed: Authentication failed" in out
    assert "read 1 mailbox" in out  # alice's mailbox was not read
    with pytest.raises(CommandError, match="no enabled mailbox with id 999"):
        call_command("ingest_email", "--mailbox", "999")


def test_scheduled_sync_reads_every_enabled_mailbox(alice, dovecot, imap_user, make_mailbox):
    dovecot.append(imap_user, make_message("Scheduled"))
    make_mailbox(alice, imap_user)
    make_mailbox(alice, imap_user, enabled=False, name="paused")
    assert sync_due_mailboxes() == 1  # tasks run synchronously in tests
    assert subjects(alice) == ["Scheduled"]
    assert not Mailbox.objects.filter(claimed_at__isnull=False).exists()


def test_a_claimed_mailbox_is_not_read_twice_until_the_claim_goes_stale(
    alice, imap_user, make_mailbox
):
    mailbox = make_mailbox(alice, imap_user)
    assert claim_mailbox(mailbox.pk) and not claim_mailbox(mailbox.pk)
    assert sync_mailbox_task(mailbox.pk) == "already being read"
    Mailbox.objects.filter(pk=mailbox.pk).update(claimed_at=timezone.now() - timedelta(minutes=16))
    assert sync_mailbox_task(mailbox.pk) == "0 new"
    assert sync_mailbox_task(999_999) == "gone or paused"


def test_emails_a_killed_run_stored_but_never_processed_are_processed_next_time(
    alice, imap_user, make_mailbox
):
    mailbox = make_mailbox(alice, imap_user, port=free_port())  # nothing listens: sync fails
    stored = Email.objects.create(
        owner=alice, mailbox=mailbox, identity="mid:left@x", message_id="left@x",
        subject="Your application", text="Thank you for applying. We received your application.",
        sender="Jobs <jobs@acme.example>", sender_email="jobs@acme.example",
    )  # fmt: skip

    sync_mailbox(mailbox.pk)

    stored.refresh_from_db()
    assert stored.processed_at is not None and stored.label == "received"
