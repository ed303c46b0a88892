"""Secrets stay out of logs and answers: API tokens, IMAP passwords and login passwords.

Every log record (root at DEBUG, SQL included) and every response body is collected while
the secret is created, used, refused and made to fail; then none of them may contain it.
The 500 page is checked the way production serves it: DEBUG off, the exception not
re-raised into the test.
"""

import logging
import re
import socket
import threading
import traceback

import pytest
from django.core import mail
from django.db import connections
from django.test import Client
from django.utils.log import AdminEmailHandler

from mail import imap
from mail.models import Mailbox, Security
from mail.tests.factories import make_mailbox
from testkit.imap_server import DOVECOT, DovecotServer

pytestmark = pytest.mark.django_db

IMAP_PASSWORD = "imap-Pw-7f3c9e1a"
ALICE_PASSWORD = "alice-pass-123"  # conftest's
WRONG_PASSWORD = "wrong-Pw-91b2c40d"
TOKEN = re.compile(r"jt_[A-Za-z0-9_\-]{20,}")


class Watch:
    """Every log record and response body seen during a test."""

    def __init__(self, caplog):
        self.caplog = caplog
        self.bodies: list[tuple[str, str]] = []

    def saw(self, response, what: str):
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content).decode(errors="replace")
        else:
            body = response.content.decode(errors="replace")
        self.bodies.append((what, body))
        return response

    def logged(self) -> list[tuple[str, str]]:
        out = []
        for record in self.caplog.records:
            parts = [record.getMessage(), repr(record.args), record.exc_text or ""]
            if record.exc_info and record.exc_info[1] is not None:
                parts.append("".join(traceback.format_exception(*record.exc_info)))
            if record.stack_info:
                parts.append(record.stack_info)
            out.append((f"{record.name} {record.levelname}", "\n".join(parts)))
        out.append(("formatted log", self.caplog.text))
        return out

    def assert_nowhere(self, *secrets: str, records: int = 1) -> None:
        assert len(self.caplog.records) >= records, "the scenario logged less than expected"
        for secret in secrets:
            for where, text in self.logged():
                assert secret not in text, f"{where} logged {secret!r}:\n{text[:2000]}"
            for where, body in self.bodies:
                assert secret not in body, f"{where} showed {secret!r}"


@pytest.fixture
def watch(caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("django", "django.request", "django.security", "django.db.backends", "axes"):
        caplog.set_level(logging.DEBUG, logger=name)
    # SQL is logged (with its parameters) only through the debug cursor.
    for connection in connections.all():
        connection.force_debug_cursor = True
    yield Watch(caplog)
    for connection in connections.all():
        connection.force_debug_cursor = False


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EchoingImapServer:
    """An IMAP server on 127.0.0.1 that refuses every LOGIN and quotes it back, as some
    servers do in their error text: what the server says must not reach the logs."""

    def __init__(self, status: str):
        self.status = status  # "NO" (a login refused) or "BAD" (a command refused)
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn, conn.makefile("rb") as lines:
                conn.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
                for line in lines:
                    tag, _, rest = line.strip().partition(b" ")
                    command = rest.split(b" ")[0].upper()
                    if command == b"CAPABILITY":
                        conn.sendall(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
                    elif command == b"LOGIN":
                        reply = f" {self.status} Error in IMAP command: ".encode()
                        conn.sendall(tag + reply + rest + b"\r\n")
                    elif command == b"LOGOUT":
                        conn.sendall(b"* BYE\r\n" + tag + b" OK bye\r\n")
                        break
                    else:
                        conn.sendall(tag + b" BAD unknown\r\n")

    def stop(self):
        self.sock.close()


def _mailbox(owner, port: int, password: str = IMAP_PASSWORD, **fields) -> Mailbox:
    values = {"name": "work", "host": "127.0.0.1", "port": port, "security": Security.PLAIN,
              "username": "alice@example.com"}  # fmt: skip
    return make_mailbox(owner, password, **{**values, **fields})


def _error_client(user=None) -> Client:
    """A client that gets the 500 page, as a browser would, instead of the exception."""
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def test_api_token_is_in_no_log_and_in_no_answer_but_the_one_that_shows_it(
    alice, alice_client, api_client, watch, settings
):
    created = alice_client.post("/settings/tokens/", {"name": "laptop"})
    raw = TOKEN.search(created.content.decode()).group()  # shown once, on purpose
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    watch.saw(alice_client.get("/settings/"), "settings page")
    assert watch.saw(api_client.get("/api/me", **bearer), "me").status_code == 200
    assert watch.saw(api_client.get("/api/me", HTTP_X_API_KEY=raw), "me by key").status_code == 200
    assert watch.saw(api_client.get("/api/applications", **bearer), "list").status_code == 200
    calls = [
        ("PATCH", "/api/applications/999999", '{"status": "applied"}', 404),
        ("POST", "/api/capture", '{"url": 5}', 422),
        ("POST", "/api/capture", "{not json", 400),
        ("GET", "/api/nowhere", "", 404),
    ]
    for method, path, body, status in calls:
        response = api_client.generic(method, path, body, **bearer)
        assert watch.saw(response, f"{method} {path}").status_code == status
    # A token one character off, and the real one after revocation: refused, not logged.
    near = raw[:-1] + ("A" if raw[-1] != "A" else "B")
    refused = api_client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {near}")
    assert watch.saw(refused, "a token one character off").status_code == 401
    # A view that fails: /api/me reads a setting that is gone.
    del settings.ALLOW_SIGNUP
    failing = _error_client().get("/api/me", **bearer)
    assert watch.saw(failing, "500 from the API").status_code == 500
    assert any(r.levelno >= logging.ERROR and r.exc_info for r in watch.caplog.records)
    settings.ALLOW_SIGNUP = False
    watch.saw(alice_client.post(f"/settings/tokens/{alice.api_tokens.get().pk}/revoke/"), "revoke")
    assert watch.saw(api_client.get("/api/me", **bearer), "revoked").status_code == 401
    watch.assert_nowhere(raw, near, records=5)


def test_login_passwords_are_in_no_log_and_in_no_answer(alice, client, watch):
    wrong = client.post("/login/", {"username": "alice", "password": WRONG_PASSWORD})
    assert watch.saw(wrong, "wrong password").status_code == 200
    unknown = client.post("/login/", {"username": "nobody", "password": ALICE_PASSWORD})
    assert watch.saw(unknown, "unknown user").status_code == 200
    right = client.post("/login/", {"username": "alice", "password": ALICE_PASSWORD})
    assert watch.saw(right, "right password").status_code == 302
    watch.saw(client.get("/settings/"), "settings")
    changed = client.post("/password/", {"old_password": WRONG_PASSWORD,
                                         "new_password1": "x", "new_password2": "y"})  # fmt: skip
    watch.saw(changed, "password change refused")
    watch.assert_nowhere(WRONG_PASSWORD, ALICE_PASSWORD)


def test_imap_password_is_in_no_log_and_in_no_answer(alice, alice_client, watch):
    port = _closed_port()
    form = {"name": "work", "host": "127.0.0.1", "port": port, "security": "plain",
            "username": "alice@example.com", "password": IMAP_PASSWORD, "folders": "INBOX",
            "enabled": "on"}  # fmt: skip
    assert watch.saw(alice_client.post("/mailboxes/new/", form), "save").status_code == 302
    mailbox = Mailbox.objects.get()
    assert mailbox.get_password() == IMAP_PASSWORD
    refused = alice_client.post(f"/mailboxes/{mailbox.pk}/", {**form, "host": "bad host"})
    assert watch.saw(refused, "edit refused").status_code == 200
    tested = watch.saw(alice_client.post(f"/mailboxes/{mailbox.pk}/test/"), "test connection")
    assert "Connection refused" in tested.content.decode()
    # "Sync now" runs the task in the test process (Q_SYNC): a refused connection.
    watch.saw(alice_client.post(f"/mailboxes/{mailbox.pk}/sync/", follow=True), "sync now")
    mailbox.refresh_from_db()
    assert mailbox.consecutive_failures == 1 and "refused" in mailbox.last_error
    for what in ("mailbox list", "health"):
        url = "/mailboxes/" if what == "mailbox list" else "/mailboxes/health/"
        watch.saw(alice_client.get(url), what)
    watch.assert_nowhere(IMAP_PASSWORD, records=2)
    # The ciphertext is in the SQL log (it is what the database stores), never on a page.
    assert not [what for what, body in watch.bodies if mailbox.password_encrypted in body]


@pytest.mark.skipif(not __import__("os").path.exists(DOVECOT), reason="dovecot not installed")
def test_imap_sync_refused_by_a_real_server_logs_no_password(alice, watch):
    server = DovecotServer()
    try:
        mailbox = _mailbox(alice, server.port, username=server.add_user())
        result = imap.sync_mailbox(mailbox.pk)
        ok, message = imap.test_connection(mailbox)
    finally:
        server.stop()
    assert result.error.startswith("Authentication failed") and not ok
    watch.bodies.append(("connection test", message))
    watch.assert_nowhere(IMAP_PASSWORD, records=1)


@pytest.mark.parametrize(
    "status",
    [
        "NO",
        "BAD",
    ],
)
def test_imap_sync_against_a_server_quoting_the_login_logs_no_password(alice, watch, status):
    server = EchoingImapServer(status)
    try:
        mailbox = _mailbox(alice, server.port)
        result = imap.sync_mailbox(mailbox.pk)
        ok, message = imap.test_connection(mailbox)
    finally:
        server.stop()
    assert result.error and not ok
    watch.bodies.append(("sync error", result.error))
    watch.bodies.append(("connection test", message))
    watch.assert_nowhere(IMAP_PASSWORD, records=1)


def test_500_page_while_saving_a_mailbox_shows_and_logs_no_password(alice, watch, monkeypatch):
    def broken(mailbox, password):
        raise RuntimeError("database went away")

    monkeypatch.setattr("mail.views.mailboxes.save_mailbox", broken)
    form = {"name": "work", "host": "127.0.0.1", "port": 993, "security": "plain",
            "username": "alice@example.com", "password": IMAP_PASSWORD, "folders": "INBOX"}  # fmt: skip
    response = watch.saw(_error_client(alice).post("/mailboxes/new/", form), "500 page")
    assert response.status_code == 500
    assert "database went away" not in response.content.decode()
    assert any(r.name == "django.request" and r.exc_info for r in watch.caplog.records)
    watch.assert_nowhere(IMAP_PASSWORD, ALICE_PASSWORD, records=1)


def test_error_report_of_a_failed_mailbox_save_hides_the_password(alice, monkeypatch, settings):
    """What a mail to ADMINS (Django's error report, DEBUG off) shows of the failed request:
    neither the posted password nor our frames' variables holding it. (With DEBUG on,
    Django shows everything by design; DEBUG is never on for a server others reach.)"""

    def broken(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Mailbox, "save", broken)
    settings.DEBUG = False
    settings.ADMINS = [("Admin", "admin@example.com")]
    handler = AdminEmailHandler(include_html=True)
    request_logger = logging.getLogger("django.request")
    request_logger.addHandler(handler)
    form = {"name": "work", "host": "127.0.0.1", "port": 993, "security": "plain",
            "username": "alice@example.com", "password": IMAP_PASSWORD, "folders": "INBOX"}  # fmt: skip
    try:
        response = _error_client(alice).post("/mailboxes/new/", form)
    finally:
        request_logger.removeHandler(handler)
    assert response.status_code == 500
    # Django's own mail_admins handler (text) and ours (with the HTML page) both reported it.
    reports = [m for m in mail.outbox if "database went away" in m.body]
    assert len(reports) == 2 and any(m.alternatives for m in reports)
    for report in reports:
        assert "password = '********************'" in report.body  # the POST section, masked
        shown = report.body + "".join(content for content, _ in report.alternatives)
        assert IMAP_PASSWORD not in shown
