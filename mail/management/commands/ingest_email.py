from datetime import date

from django.core.management.base import BaseCommand, CommandError

from jobtracker.commands import require_ids, user_named
from jobtracker.text import counted
from mail.imap import claim_mailbox, release_mailbox, sync_mailbox
from mail.models import Mailbox


class Command(BaseCommand):
    help = "Read mailboxes over IMAP now, with progress and a summary (exit 1 if one failed)."

    def add_arguments(self, parser):
        parser.add_argument("--mailbox", type=int, action="append", help="mailbox id (repeatable)")
        parser.add_argument("--user", help="only this user's mailboxes (username)")
        parser.add_argument(
            "--since",
            type=date.fromisoformat,
            help="only mail received since YYYY-MM-DD; older mail is skipped for good",
        )

    def handle(self, *args, mailbox=None, user=None, since=None, **options):
        boxes = Mailbox.objects.filter(pk__in=mailbox) if mailbox else Mailbox.objects.all()
        boxes = boxes.filter(enabled=True)
        if user:
            owner = user_named(user)
            boxes = boxes.filter(owner=owner)
        boxes = list(boxes.order_by("pk"))
        if mailbox and not user:
            require_ids(mailbox, boxes, "enabled mailbox")
        if not boxes:
            self.stdout.write("no mailboxes to read")
            return
        failed = new = stored = 0
        for box in boxes:
            label = f"mailbox {box.pk} ({box})"
            if not claim_mailbox(box.pk):
                self.stdout.write(f"{label}: skipped, another worker is reading it")
                continue
            try:
                result = sync_mailbox(box.pk, since=since, progress=self._progress(label))
            finally:
                release_mailbox(box.pk)
            new += len(result.new_email_ids)
            stored += result.skipped_existing
            if result.error:
                failed += 1
                self.stdout.write(f"{label}: failed: {result.error}")
                continue
            more = "" if result.complete else " (time limit reached: the rest next run)"
            self.stdout.write(
                f"{label}: {len(result.new_email_ids)} new, {result.skipped_existing} "
                f"already stored, {counted(result.folders, 'folder')}{more}"
            )
        self.stdout.write(
            f"read {counted(len(boxes), 'mailbox', 'mailboxes')}: {new} new, "
            f"{stored} already stored, {failed} failed"
        )
        if failed:
            raise CommandError(f"{failed} mailbox(es) failed")

    def _progress(self, label):
        def show(folder, done, total):
            self.stdout.write(f"{label}: {folder} {done}/{total}")

        return show
