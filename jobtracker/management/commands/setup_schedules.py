from django.core.management.base import BaseCommand

from jobtracker.schedules import declared_schedules, sync_schedules


class Command(BaseCommand):
    help = "Create or update the background schedules every app declares (safe to run often)."

    def handle(self, *args, **options):
        created, updated, removed = sync_schedules()
        self.stdout.write(
            f"schedules: {len(declared_schedules())} declared, {created} created, "
            f"{updated} updated, {removed} removed"
        )
