import os

import pytest

from analysis.tests.llm_fakes import fake_anthropic  # noqa: F401  (fixture for second opinions)
from mail.models import Mailbox, Security
from testkit.imap_server import DOVECOT, PASSWORD, DovecotServer

from . import factories


@pytest.fixture(scope="session")
def dovecot():
    """One real Dovecot (plain and IMAPS on 127.0.0.1) for the session; tests add users."""
    if not os.path.exists(DOVECOT):
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd)")
    server = DovecotServer()
    yield server
    server.stop()


@pytest.fixture
def imap_user(dovecot) -> str:
    """A fresh IMAP account with an empty INBOX, so tests stay independent."""
    return dovecot.add_user()


@pytest.fixture
def make_mailbox(dovecot):
    def make(owner, user, **fields) -> Mailbox:
        values = {"host": "127.0.0.1", "port": dovecot.port, "security": Security.PLAIN,
                  "username": user, "name": f"test {user}", "password": PASSWORD}  # fmt: skip
        return factories.make_mailbox(owner, **{**values, **fields})

    return make
