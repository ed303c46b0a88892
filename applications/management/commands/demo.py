import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from applications.demo import NotADemoAccount, build_demo


class Command(BaseCommand):
    help = (
        "Create or rebuild a demo account with an invented job search: jobs with fit scores, "
        "applications with timelines, tasks, contacts and sample emails (no internet needed). "
        "Running it again rebuilds the demo account only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--password", help="set this password")
        group.add_argument(
            "--new-password", action="store_true", help="set a new random password and print it"
        )

    def handle(self, *args, username, password=None, new_password=False, **options):
        if new_password:
            password = secrets.token_urlsafe(12)
        try:
            result = build_demo(username, password)
        except NotADemoAccount as exc:
            raise CommandError(str(exc)) from exc
        user = result.user
        self.stdout.write(
            f"Demo account '{user.username}' rebuilt: {result.jobs} jobs, "
            f"{result.applications} applications, {result.tasks} tasks."
        )
        for line in result.extras:
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write(f"  Sign in at {settings.SITE_URL.rstrip('/')}/login/")
        self.stdout.write(f"  username: {user.username}")
        if password:
            self.stdout.write(f"  password: {password}")
        elif user.has_usable_password():
            self.stdout.write("  password: unchanged (--new-password sets a new one)")
        else:
            self.stdout.write("  password: none yet; run again with --new-password")
        if not get_user_model().objects.exclude(pk=user.pk).exists():
            # The demo account doesn't count as the first one (its address is .invalid).
            self.stdout.write(
                f"  Your own account: open {settings.SITE_URL.rstrip('/')}/ and create it there "
                "(it becomes the administrator)."
            )
