from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from applications.csv_io import CSVImportError, apply, guess_choices, plan, read
from jobtracker.commands import user_named


class Command(BaseCommand):
    help = (
        "Import applications from a CSV file (any spreadsheet, or a Huntr, Teal or JobSync "
        "export). Columns and status values are guessed as the import page does; rows that "
        "cannot be imported are skipped and listed; importing the same file again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="username")
        parser.add_argument(
            "--date-order",
            choices=["mdy", "dmy"],
            help="how to read dates like 03/04/2026 (default: detected from the file)",
        )
        parser.add_argument("--dry-run", action="store_true", help="show what would happen")

    def handle(self, *args, file, user, date_order=None, dry_run=False, **options):
        owner = user_named(user)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no file at {path}")
        try:
            parsed = read(path.read_bytes())
            choices = guess_choices(parsed)
            if date_order:
                choices.date_order = date_order
            planned = plan(parsed, choices)
        except CSVImportError as exc:
            raise CommandError(str(exc)) from exc
        if choices.preset:
            self.stderr.write(f"recognised a {choices.preset} export")
        for value in planned.statuses:
            self.stderr.write(f"status {value.raw!r} -> {value.chosen or 'saved/applied by date'}")
        if dry_run:
            self.stdout.write(
                f"would import {len(planned.ready)} row(s); skip {len(planned.skipped)}"
            )
            rows = [(r.number, r.skip) for r in planned.skipped]
        else:
            result = apply(owner, planned.rows)
            self.stdout.write(
                f"imported {result.created} new application(s); {result.existing} already "
                f"tracked; {result.skipped_count} row(s) skipped"
            )
            rows = result.skipped
        for number, reason in rows:
            self.stdout.write(f"  row {number}: {reason}")
