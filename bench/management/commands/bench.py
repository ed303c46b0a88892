import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings, setup_test_environment, teardown_test_environment

from bench.harness import discover, format_table


class Command(BaseCommand):
    help = (
        "Measure the speed of the real code paths against references measured in the same run. "
        "Runs in a scratch test database; your data is never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--case", action="append", help="case to run (repeatable); default all")
        parser.add_argument("--size", type=int, help="override each case's default size")
        parser.add_argument("--list", action="store_true", help="list the cases and exit")

    def handle(self, *args, **options):
        cases = discover()
        if options["list"]:
            for c in cases.values():
                self.stdout.write(f"{c.name:<16} size={c.default_size:<8} {c.description}")
            return
        names = options["case"] or list(cases)
        unknown = [n for n in names if n not in cases]
        if unknown:
            raise CommandError(f"unknown case(s): {', '.join(unknown)}; known: {', '.join(cases)}")
        if options["size"] is not None and options["size"] < 1:
            raise CommandError("--size must be at least 1")

        # Pages render without collectstatic's manifest, which a fresh checkout lacks.
        static = override_settings(
            STORAGES={
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            }
        )
        static.enable()
        setup_test_environment()
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        results = []
        try:
            for name in names:
                c = cases[name]
                size = options["size"] or c.default_size
                self.stderr.write(f"running {name} (size {size}) ...")
                start = time.perf_counter()
                results.extend(c.func(size))
                self.stderr.write(f"  done in {time.perf_counter() - start:.1f}s")
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()
            static.disable()
        self.stdout.write(f"database: {connection.vendor}   python: {sys.version.split()[0]}")
        self.stdout.write(format_table(results))
