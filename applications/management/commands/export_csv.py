import sys

from django.core.management.base import BaseCommand

from applications.csv_io import export_lines
from applications.queries import AppFilters, applications_for
from jobtracker.commands import user_named


class Command(BaseCommand):
    help = "Write a user's applications as CSV (to a file, or to standard output)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="username")
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument("--archived", action="store_true", help="export archived ones instead")

    def handle(self, *args, user, output=None, archived=False, **options):
        owner = user_named(user)
        apps = applications_for(owner, AppFilters(archived=archived))
        out = open(output, "w", newline="", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        try:
            count = -1
            for line in export_lines(apps):
                out.write(line)
                count += 1
        finally:
            if output:
                out.close()
        if output:
            self.stderr.write(f"wrote {count} application(s) to {output}")
