"""Read mailboxes over IMAP (imap-tools) by UID: incremental, read-only, resumable.

Per folder we keep UIDVALIDITY and the last stored UID. Each batch of messages is stored and
the folder's position advanced in one transaction, so a connection dropped mid-fetch resumes
at the first message not stored and nothing is stored twice (an email's identity is its
Message-ID, else mailbox + UIDVALIDITY + UID). Folders are opened read-only (EXAMINE) and
bodies fetched with BODY.PEEK: nothing is marked seen, moved or deleted.

Connecting (address checks, TLS, login, error reasons) lives in `imap_connect`.
"""

import imaplib
import logging
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from imap_tools import AND, U

from .imap_connect import (  # noqa: F401  (re-exported: the mailbox pages and tests use them)
    ImapRefused,
    check_connection,
    check_host_allowed,
    connection_error_reason,
    missing_folder,
    open_mailbox,
    test_connection,
)
from .mailparse import parse_message
from .models import Email, Mailbox, MailFolder
from .processing import process_emails

logger = logging.getLogger(__name__)

CLAIM_STALE_AFTER = timedelta(minutes=15)
MAX_BYTES_PER_FETCH = 25_000_000  # one FETCH round trip holds at most this much mail
_UID = re.compile(rb"UID (\d+)")
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


@dataclass
class SyncResult:
    new_email_ids: list[int] = field(default_factory=list)
    fetched: int = 0
    skipped_existing: int = 0
    folders: int = 0
    error: str = ""
    complete: bool = True


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
            missing = missing_folder(box, mailbox.folder_list)
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
    try:
        process_emails(email_ids)
    except Exception:  # stored is stored: `reclassify` processes them later
        logger.exception("email processing failed emails=%s", len(email_ids))
