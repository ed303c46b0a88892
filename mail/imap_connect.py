"""Connecting to a mail server: the address check, TLS, login, and reasons people can act on.

The server's name is resolved and checked like a user-supplied URL (no loopback or private
addresses), and the connection goes to the checked addresses, so DNS cannot change in between.
A server on this machine (Proton Mail Bridge, a local Dovecot) needs IMAP_ALLOW_LOOPBACK; there,
and only there, unencrypted IMAP is accepted too: the password never crosses a network, and a
local process able to take the port could read it over STARTTLS with an unverified cert just
the same. STARTTLS to Bridge works with its exported certificate as IMAP_CA_FILE.
"""

import imaplib
import ipaddress
import socket
import ssl
from contextlib import contextmanager, suppress

from django.conf import settings
from imap_tools.errors import MailboxLoginError
from imap_tools.mailbox import BaseMailBox

from jobtracker.crypto import SecretUnreadable
from jobtracker.netguard import is_forbidden_address, is_loopback_address, parse_address

from .models import Mailbox, Security


class ImapRefused(Exception):
    """A reason already worded for the user (shown as is)."""


LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def loopback_allowed() -> bool:
    """IMAP_ALLOW_LOOPBACK, or the tests' HTTP_ALLOW_LOOPBACK (which already lets fetches in)."""
    return bool(getattr(settings, "IMAP_ALLOW_LOOPBACK", False) or settings.HTTP_ALLOW_LOOPBACK)


def names_loopback(host: str) -> bool:
    """Whether the name itself says this machine (localhost, 127.x, ::1): no DNS asked."""
    host = host.strip().strip("[]").lower().rstrip(".")
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return _is_loopback(ipaddress.ip_address(host))
    except ValueError:
        return False


def plain_allowed(host: str, addresses: list[str] | None = None) -> bool:
    """Unencrypted IMAP: to this machine when loopback is allowed (the password never
    leaves it), anywhere else only with IMAP_ALLOW_PLAIN."""
    if settings.IMAP_ALLOW_PLAIN:
        return True
    if not loopback_allowed():
        return False
    if addresses is None:
        return names_loopback(host)
    return bool(addresses) and all(_is_loopback(_ip(a)) for a in addresses)


PLAIN_REFUSED = (
    "Unencrypted IMAP (security: none) is accepted only for a mail server on this machine "
    "(127.0.0.1, localhost), where the password never crosses a network; use SSL/TLS or STARTTLS."
)
LOOPBACK_REFUSED = (
    "{host} is this machine ({address}), and this server does not connect to its own "
    "addresses unless its administrator sets IMAP_ALLOW_LOOPBACK=true (for Proton Mail Bridge "
    "or a local Dovecot; only on a server you alone use)."
)


def check_host_allowed(host: str, security: str = Security.SSL) -> list[str]:
    """The addresses to connect to; ImapRefused for a non-public address or plain IMAP
    to anywhere but this machine."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except UnicodeError as exc:
        raise ImapRefused(f"'{host}' is not a valid server name.") from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    # Every answer must be allowed: a name resolving to one public and one internal
    # address is how a server gets made to probe its own network.
    for address in addresses:
        if not _address_allowed(address):
            if _is_loopback(_ip(address)):
                raise ImapRefused(LOOPBACK_REFUSED.format(host=host, address=address))
            raise ImapRefused(
                f"{host} resolves to {address}, a local or private address this server "
                "does not connect to."
            )
    if security == Security.PLAIN and not plain_allowed(host, addresses):
        raise ImapRefused(PLAIN_REFUSED)
    return addresses


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    ip = parse_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip


def _is_loopback(ip) -> bool:
    return is_loopback_address(ip)  # ::ffff:127.0.0.1 too


def _address_allowed(address: str) -> bool:
    return not is_forbidden_address(
        address,
        allow_loopback=loopback_allowed(),
        allow_private=bool(getattr(settings, "IMAP_ALLOW_PRIVATE", False)),
    )


def _connect(addresses: list[str], port: int, timeout: float | None) -> socket.socket:
    error: OSError = OSError("no address to connect to")
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as exc:
            error = exc
    raise error


class _PinnedIMAP4(imaplib.IMAP4):
    """Connects to the checked addresses; the name is kept for the certificate check."""

    def __init__(self, host, port, timeout, addresses):
        self.addresses = addresses
        super().__init__(host, port, timeout)

    def _create_socket(self, timeout):
        return _connect(self.addresses, self.port, timeout)


class _PinnedIMAP4SSL(imaplib.IMAP4_SSL):
    def __init__(self, host, port, timeout, addresses, ssl_context):
        self.addresses = addresses
        super().__init__(host, port, ssl_context=ssl_context, timeout=timeout)

    def _create_socket(self, timeout):
        sock = _connect(self.addresses, self.port, timeout)
        return self.ssl_context.wrap_socket(sock, server_hostname=self.host)


class _PinnedMailBox(BaseMailBox):
    """imap-tools' MailBox / MailBoxStartTls / MailBoxUnencrypted over a pinned socket."""

    def __init__(self, mailbox: Mailbox, addresses: list[str]):
        self._mailbox, self._addresses = mailbox, addresses
        super().__init__()

    def _get_mailbox_client(self) -> imaplib.IMAP4:
        host, port, timeout = self._mailbox.host, self._mailbox.port, settings.IMAP_TIMEOUT_SECONDS
        if self._mailbox.security == Security.SSL:
            return _PinnedIMAP4SSL(host, port, timeout, self._addresses, ssl_context())
        client = _PinnedIMAP4(host, port, timeout, self._addresses)
        if self._mailbox.security == Security.STARTTLS:
            client.starttls(ssl_context())  # raises unless the session is now encrypted
        return client


def ssl_context() -> ssl.SSLContext:
    """System CAs, plus IMAP_CA_FILE for a server with a private CA (and for tests)."""
    return ssl.create_default_context(cafile=getattr(settings, "IMAP_CA_FILE", "") or None)


class LoginRejected(Exception):
    """The server answered LOGIN with an error rather than NO (its text is not kept)."""


@contextmanager
def open_mailbox(mailbox: Mailbox):
    """A logged-in imap-tools box with no folder selected; logs out on exit."""
    box = _PinnedMailBox(mailbox, check_host_allowed(mailbox.host, mailbox.security))
    try:
        try:
            box.login(mailbox.username, mailbox.get_password(), initial_folder=None)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error:
            # A BAD answer to LOGIN: imaplib's message quotes the command, password included.
            raise LoginRejected() from None
        yield box
    finally:
        with suppress(Exception):  # already closed or dropped: nothing left to release
            box.logout()


def connection_error_reason(exc: BaseException, mailbox: Mailbox | None = None) -> str:
    """A reason the mailbox's owner can act on. Never includes the password."""
    where = f"{mailbox.host}:{mailbox.port}" if mailbox else "the mail server"
    if isinstance(exc, ImapRefused):
        return str(exc)
    if isinstance(exc, socket.gaierror):
        name = f"'{mailbox.host}'" if mailbox else "of the mail server"
        return f"DNS lookup failed: the server name {name} could not be found."
    if isinstance(exc, SecretUnreadable):
        return "The saved password can no longer be decrypted (the key changed): enter it again."
    if isinstance(exc, MailboxLoginError | LoginRejected):
        return (
            "Authentication failed: the server refused the username or password (Gmail, "
            "Outlook and iCloud need an app password)."
        )
    if isinstance(exc, ConnectionRefusedError):
        return f"Connection refused by {where}: check the server name, port and security."
    if isinstance(exc, TimeoutError) or "timed out" in str(exc):
        return f"Timeout: no answer from {where} within {settings.IMAP_TIMEOUT_SECONDS:g} s."
    if isinstance(exc, ssl.SSLCertVerificationError):
        detail = exc.verify_message or "not trusted"
        reason = (
            f"TLS certificate error: the certificate of {where} failed verification ({detail})."
        )
        if mailbox and names_loopback(mailbox.host):
            reason += (
                " A server on this machine such as Proton Mail Bridge uses its own certificate: "
                "export it and set IMAP_CA_FILE to it, or choose security None (accepted for "
                "this machine only)."
            )
        return reason
    tls_refused = isinstance(exc, imaplib.IMAP4.error) and "TLS" in str(exc)  # no STARTTLS
    if isinstance(exc, ssl.SSLError) or tls_refused:
        return (
            f"TLS error with {where}: port 993 is usually SSL/TLS and port 143 STARTTLS; "
            "check the security setting."
        )
    if isinstance(exc, imaplib.IMAP4.abort | ConnectionError | EOFError | OSError):
        return (
            f"The connection to {where} was lost while reading; the next sync resumes after "
            "the last stored message."
        )
    return f"Reading the mailbox failed ({type(exc).__name__})."


def missing_folder(box, wanted: list[str]) -> str | None:
    """The message for the first wanted folder not on the server, or None."""
    names = [f.name for f in box.folder.list()]
    present = {n.upper() if n.upper() == "INBOX" else n for n in names}
    for folder in wanted:
        if (folder.upper() if folder.upper() == "INBOX" else folder) not in present:
            shown = ", ".join(names[:20]) + (" …" if len(names) > 20 else "")
            return f"Folder '{folder}' does not exist; folders here: {shown}."
    return None


def test_connection(mailbox: Mailbox) -> tuple[bool, str]:
    """Connect, log in and look for the folders. Never raises, never shows the password."""
    try:
        with open_mailbox(mailbox) as box:
            wanted = mailbox.folder_list
            missing = missing_folder(box, wanted)
            if missing:
                return False, missing
            counts = [(f, box.folder.status(f, ["MESSAGES"])["MESSAGES"]) for f in wanted]
    except Exception as exc:
        return False, connection_error_reason(exc, mailbox)
    summary = ", ".join(f"{name} ({n} messages)" for name, n in counts)
    return True, f"Connected and logged in. Folders: {summary}."


test_connection.__test__ = False  # not a pytest test, despite the name
check_connection = test_connection  # the mailbox page's name for it
