from django.core.management.base import BaseCommand

from applications.demo import build_demo


class Command(BaseCommand):
    help = "Create or rebuild a demo account with an invented job search (no internet needed)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument("--password", help="set this password (default: keep, or none)")

    def handle(self, *args, username, password=None, **options):
        user, count = build_demo(username, password)
        self.stdout.write(f"demo account '{user.username}' has {count} applications")
        if not user.has_usable_password():
            self.stdout.write(
                f"to sign in, set a password: manage.py demo --username {username} --password …"
            )
