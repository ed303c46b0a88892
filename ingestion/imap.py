"""Read mailboxes over IMAP (imap-tools) by UID: incremental, read-only, resumable.

Per folder we keep UIDVALIDITY and the last stored UID. Each batch of messages is stored and
the folder's position advanced in one transaction, so a connection dropped mid-fetch resumes
at the first message not stored and nothing is stored twice (an email's identity is its
Message-ID, else mailbox + UIDVALIDITY + UID). Folders are opened read-only (EXAMINE) and
bodies fetched with BODY.PEEK: nothing is marked seen, moved or deleted.

The server's name is resolved and checked like a user-supplied URL (no loopback or private
addresses), and the connection goes to the checked addresses, so DNS cannot change in between.
"""

import imaplib
import ipaddress
import logging
import re
import socket
import ssl
import time
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from imap_tools import AND, U
from imap_tools.errors import MailboxLoginError
from imap_tools.mailbox import BaseMailBox

from jobtracker.crypto import SecretUnreadable

from .mailparse import parse_message
from .models import Email, Mailbox, MailFolder, Security

logger = logging.getLogger(__name__)

CLAIM_STALE_AFTER = timedelta(minutes=15)
MAX_BYTES_PER_FETCH = 25_000_000  # one FETCH round trip holds at most this much mail
_UID = re.compile(rb"UID (\d+)")
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


class ImapRefused(Exception):
    """A reason already worded for the user (shown as is)."""


@dataclass
class SyncResult:
    new_email_ids: list[int] = field(default_factory=list)
    fetched: int = 0
    skipped_existing: int = 0
    folders: int = 0
    error: str = ""
    complete: bool = True


def check_host_allowed(host: str, security: str = Security.SSL) -> list[str]:
    """The addresses to connect to; ImapRefused for plain IMAP or a non-public address."""
    if security == Security.PLAIN and not settings.IMAP_ALLOW_PLAIN:
        raise ImapRefused(
            "Unencrypted IMAP (security: none) is refused on this server: it would send "
            "your password in clear. Use SSL/TLS or STARTTLS."
        )
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except UnicodeError as exc:
        raise ImapRefused(f"'{host}' is not a valid server name.") from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    # Every answer must be allowed: a name resolving to one public and one internal
    # address is how a server gets made to probe its own network.
    for address in addresses:
        if not _address_allowed(address):
            raise ImapRefused(
                f"{host} resolves to {address}, a local or private address this server "
                "does not connect to."
            )
    return addresses


def _address_allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return bool(settings.HTTP_ALLOW_LOOPBACK)
    if ip.is_private and not ip.is_link_local and not ip.is_unspecified:
        return bool(getattr(settings, "IMAP_ALLOW_PRIVATE", False))
    return ip.is_global


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
        return f"TLS certificate error: the certificate of {where} failed verification ({detail})."
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


def _missing_folder(box, wanted: list[str]) -> str | None:
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
            missing = _missing_folder(box, wanted)
            if missing:
                return False, missing
            counts = [(f, box.folder.status(f, ["MESSAGES"])["MESSAGES"]) for f in wanted]
    except Exception as exc:
        return False, connection_error_reason(exc, mailbox)
    summary = ", ".join(f"{name} ({n} messages)" for name, n in counts)
    return True, f"Connected and logged in. Folders: {summary}."


test_connection.__test__ = False  # not a pytest test, despite the name
check_connection = test_connection  # the mailbox page's name for it


def claim_mailbox(mailbox_id: int) -> bool:
    """Conditional UPDATE: one worker reads a mailbox at a time; a crashed claim expires."""
    now = timezone.now()
    unclaimed = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_STALE_AFTER)
    return Mailbox.objects.filter(unclaimed, pk=mailbox_id).update(claimed_at=now) == 1


def release_mailbox(mailbox_id: int) -> None:
    Mailbox.objects.filter(pk=mailbox_id).update(claimed_at=None)


def sync_mailbox(mailbox_id: int, *, since: date | None = None, progress=None) -> SyncResult:
    """Store new messages of every configured folder. `progress(folder, done, total)`."""
    result = SyncResult()
    mailbox = Mailbox.objects.filter(pk=mailbox_id).first()
    if mailbox is None:
        result.error, result.complete = "The mailbox no longer exists.", False
        return result
    Mailbox.objects.filter(pk=mailbox.pk).update(last_attempt_at=timezone.now())
    deadline = time.monotonic() + settings.IMAP_MAX_SECONDS_PER_RUN
    try:
        with open_mailbox(mailbox) as box:
            missing = _missing_folder(box, mailbox.folder_list)
            if missing:
                raise ImapRefused(missing)
            for folder in mailbox.folder_list:
                _sync_folder(box, mailbox, folder, since, deadline, result, progress)
                result.folders += 1
                if not result.complete:
                    break
    except Exception as exc:
        result.error, result.complete = connection_error_reason(exc, mailbox), False
        _record_failure(mailbox, result.error, exc)
    else:
        _record_success(mailbox, len(result.new_email_ids))
    _process_leftovers(mailbox.pk)
    return result


def _process_leftovers(mailbox_id: int, limit: int = 2_000) -> None:
    """Emails stored by an earlier run that never got processed (the run was killed, or
    processing failed): done now, after the server connection is closed."""
    ids = list(
        Email.objects.filter(mailbox_id=mailbox_id, processed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    _process(ids)


def _record_failure(mailbox: Mailbox, reason: str, exc: Exception) -> None:
    # The reason, never the exception's text: it can quote what the server was sent.
    unexpected = reason.startswith("Reading the mailbox failed")
    logger.warning("imap sync failed mailbox=%s error=%s", mailbox.pk, reason, exc_info=unexpected)
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_error=reason,
        last_error_at=timezone.now(),
        consecutive_failures=F("consecutive_failures") + 1,
    )


def _record_success(mailbox: Mailbox, new: int) -> None:
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_success_at=timezone.now(), last_new_count=new, last_error="", consecutive_failures=0
    )


def _select_readonly(box, folder: str) -> tuple[int, int | None]:
    """EXAMINE the folder; (UIDVALIDITY, UIDNEXT or None)."""
    box.folder.set(folder, readonly=True)
    uidvalidity, uidnext = (box.client.response(code)[1][-1] for code in ("UIDVALIDITY", "UIDNEXT"))
    if not uidvalidity:  # not in the EXAMINE answer: ask for it
        uidvalidity = box.folder.status(folder, ["UIDVALIDITY"])["UIDVALIDITY"]
    return int(uidvalidity), int(uidnext) if uidnext else None


def _sync_folder(box, mailbox, folder, since, deadline, result: SyncResult, progress) -> None:
    state, _ = MailFolder.objects.get_or_create(mailbox=mailbox, name=folder)
    uidvalidity, uidnext = _select_readonly(box, folder)
    if state.uidvalidity != uidvalidity:
        if state.uidvalidity is not None:
            logger.info("uidvalidity changed mailbox=%s folder=%s", mailbox.pk, folder)
        # Old UIDs mean nothing now: read the folder again; identities keep what was
        # stored already from being stored twice.
        state.uidvalidity, state.last_uid = uidvalidity, 0
        state.save(update_fields=["uidvalidity", "last_uid"])
    criteria = {"uid": U(state.last_uid + 1, "*")}
    if since:
        criteria["date_gte"] = since
    # "n:*" always matches the highest UID, even when it is below n.
    uids = sorted(u for u in map(int, box.uids(AND(**criteria))) if u > state.last_uid)
    done = 0
    for start in range(0, len(uids), settings.IMAP_BATCH_SIZE):
        batch = uids[start : start + settings.IMAP_BATCH_SIZE]
        for group, sizes in _groups_by_size(box, batch):
            _store(mailbox, state, uidvalidity, _fetch(box, group), sizes, result, upto=group[-1])
        done += len(batch)
        if progress:
            progress(folder, done, len(uids))
        if done < len(uids) and time.monotonic() > deadline:
            result.complete = False  # the next run goes on from state.last_uid
            return
    if since and uidnext and uidnext - 1 > state.last_uid:
        # Mail before `since` was skipped on purpose: later runs must not read it either.
        state.last_uid = uidnext - 1
        MailFolder.objects.filter(pk=state.pk).update(last_uid=state.last_uid)
    MailFolder.objects.filter(pk=state.pk).update(last_synced_at=timezone.now())


def _groups_by_size(box, uids: list[int]):
    """(uids, {uid: size}) groups whose capped bodies fit one FETCH's byte budget."""
    status, data = box.client.uid("FETCH", ",".join(map(str, uids)), "(UID RFC822.SIZE)")
    if status != "OK":
        raise imaplib.IMAP4.abort(f"FETCH sizes answered {status}")
    sizes = {}
    for line in data:
        uid, size = _UID.search(line or b""), _SIZE.search(line or b"")
        if uid and size:
            sizes[int(uid.group(1))] = int(size.group(1))
    group, total = [], 0
    for uid in uids:
        cost = min(sizes.get(uid, 0), settings.IMAP_MAX_FETCH_BYTES)
        if group and total + cost > MAX_BYTES_PER_FETCH:
            yield group, sizes
            group, total = [], 0
        group.append(uid)
        total += cost
    if group:
        yield group, sizes


def _fetch(box, uids: list[int]) -> dict[int, bytes]:
    """Raw bytes by UID, each cut at IMAP_MAX_FETCH_BYTES; BODY.PEEK leaves \\Seen alone."""
    part = f"BODY.PEEK[]<0.{settings.IMAP_MAX_FETCH_BYTES}>"
    status, data = box.client.uid("FETCH", ",".join(map(str, uids)), f"(UID {part})")
    if status != "OK":
        raise imaplib.IMAP4.abort(f"FETCH answered {status}")
    found = {}
    for index, item in enumerate(data):
        if not isinstance(item, tuple) or len(item) < 2:
            continue
        uid = _UID.search(item[0])
        after = data[index + 1] if index + 1 < len(data) else b""
        if uid is None and isinstance(after, bytes):  # some servers send UID after the body
            uid = _UID.search(after)
        if uid:
            found[int(uid.group(1))] = item[1] or b""
    return found


def _store(mailbox, state, uidvalidity, raws, sizes, result: SyncResult, *, upto: int) -> None:
    created_ids = []
    max_chars, cap = settings.IMAP_MAX_TEXT_CHARS, settings.IMAP_MAX_FETCH_BYTES
    with transaction.atomic():
        for uid, raw in sorted(raws.items()):
            result.fetched += 1
            parsed = parse_message(raw, max_chars, full_size=sizes.get(uid), max_bytes=cap)
            if parsed.message_id:
                identity = f"mid:{parsed.message_id}"
            else:
                identity = f"uid:{mailbox.pk}:{uidvalidity}:{uid}"
            defaults = {**asdict(parsed), "mailbox": mailbox, "folder": state.name}
            defaults.update(uidvalidity=uidvalidity, uid=uid)
            email, created = Email.objects.get_or_create(
                owner_id=mailbox.owner_id, identity=identity[:1000], defaults=defaults
            )
            if created:
                created_ids.append(email.pk)
            else:
                result.skipped_existing += 1
        # Up to the last UID asked for: one expunged meanwhile is not asked for forever.
        state.last_uid = max(state.last_uid, upto)
        MailFolder.objects.filter(pk=state.pk).update(last_uid=state.last_uid)
    result.new_email_ids.extend(created_ids)
    _process(created_ids)


def _process(email_ids: list[int]) -> None:
    """Classify and correlate right after each batch, so a killed run leaves none behind."""
    if not email_ids:
        return
    from .processing import process_emails

    try:
        process_emails(email_ids)
    except Exception:  # stored is stored: `reclassify` processes them later
        logger.exception("email processing failed emails=%s", len(email_ids))
