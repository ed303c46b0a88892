"""manage.py score_jobs [--all] [--user NAME]: compute fast scores, with progress."""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from analysis.models import Profile, Score
from analysis.services import is_scorable, score_jobs
from boards.models import Job


class Command(BaseCommand):
    help = "Score jobs against each user's profile (by default only jobs without a score)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Rescore every job, not only the unscored ones."
        )
        parser.add_argument("--user", help="Only this user (username).")

    def handle(self, *args, **options):
        users = get_user_model().objects.order_by("pk")
        if options["user"]:
            users = users.filter(username=options["user"])
            if not users.exists():
                raise CommandError(f"No user named {options['user']!r}.")
        grand_total = 0
        for user in users:
            profile = Profile.objects.filter(owner=user).first()
            if not is_scorable(profile):
                self.stdout.write(f"{user}: skipped (the profile has no skills or titles)")
                continue
            jobs = Job.objects.filter(owner=user)
            if not options["all"]:
                scored = Score.objects.filter(owner=user).values("job_id")
                jobs = jobs.exclude(pk__in=scored)
            ids = list(jobs.values_list("pk", flat=True))
            if not ids:
                self.stdout.write(f"{user}: nothing to score")
                continue
            started = time.monotonic()
            total = len(ids)

            def progress(done, user=user, total=total, started=started):
                rate = done / max(time.monotonic() - started, 1e-6)
                self.stdout.write(f"\r{user}: {done}/{total} jobs ({rate:,.0f}/s)", ending="")
                self.stdout.flush()

            done = score_jobs(user.pk, None if options["all"] else ids, progress=progress)
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"{user}: scored {done} jobs"))
            grand_total += done
        self.stdout.write(f"Scored {grand_total} jobs in all.")
