from django.core.management.base import BaseCommand

from jobtracker.commands import user_named
from mail.models import Email
from mail.processing import ProcessResult, process_emails

BATCH = 1000


class Command(BaseCommand):
    help = (
        "Classify and correlate stored emails again (after rules or the classifier changed). "
        "Your own links, labels and ignores are kept; no event is recorded twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="only this user's emails (username)")
        parser.add_argument(
            "--waiting", action="store_true", help="only emails waiting in the review inbox"
        )

    def handle(self, *args, user=None, waiting=False, **options):
        emails = Email.objects.all()
        if user:
            owner = user_named(user)
            emails = emails.filter(owner=owner)
        if waiting:
            emails = emails.filter(review="pending")
        ids = list(emails.order_by("pk").values_list("pk", flat=True))
        if not ids:
            self.stdout.write("no emails to reclassify")
            return
        total = ProcessResult()
        for start in range(0, len(ids), BATCH):
            result = process_emails(ids[start : start + BATCH], reclassify=True)
            total.processed += result.processed
            total.created += result.created
            total.pending += result.pending
            for stage, count in result.by_stage.items():
                total.by_stage[stage] += count
            self.stdout.write(f"{total.processed}/{len(ids)} emails")
        stages = ", ".join(f"{k} {v}" for k, v in sorted(total.by_stage.items())) or "none"
        self.stdout.write(
            self.style.SUCCESS(
                f"{total.processed} emails: linked by stage: {stages}; "
                f"{total.created} applications created; {total.pending} waiting for review"
            )
        )
