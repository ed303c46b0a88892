"""Background work for email. Tasks take ids and re-fetch their rows."""

from django_q.tasks import async_task

from .imap import claim_mailbox, release_mailbox, sync_mailbox
from .models import Mailbox


def sync_mailbox_task(mailbox_id: int) -> str:
    """Read one mailbox's new messages; skipped while another worker reads it."""
    if not Mailbox.objects.filter(pk=mailbox_id, enabled=True).exists():
        return "gone or paused"
    if not claim_mailbox(mailbox_id):
        return "already being read"
    try:
        result = sync_mailbox(mailbox_id)
    finally:
        release_mailbox(mailbox_id)
    return result.error or f"{len(result.new_email_ids)} new"


def sync_due_mailboxes() -> int:
    """The 10-minute schedule: one task per enabled mailbox."""
    ids = list(Mailbox.objects.filter(enabled=True).values_list("pk", flat=True))
    for mailbox_id in ids:
        async_task(
            "mail.tasks.sync_mailbox_task", mailbox_id, task_name=f"sync mailbox {mailbox_id}"
        )
    return len(ids)
