"""Queued and scheduled work names its task by dotted path. The capture half moved from the
`ingestion` package to `applications.intake` and the mail half to the `mail` package, so
schedules stored under the old paths are rewritten (the retries of enrichment are ONCE
schedules; the periodic ones are also upserted again by setup_schedules)."""

from django.db import migrations

RENAMES = (
    ("ingestion.tasks.enrich_application", "applications.intake.tasks.enrich_application"),
    ("ingestion.tasks.", "mail.tasks."),
)


def forwards(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for schedule in Schedule.objects.filter(func__startswith="ingestion."):
        for old, new in RENAMES:
            if schedule.func.startswith(old):
                schedule.func = new + schedule.func[len(old) :]
                schedule.save(update_fields=["func"])
                break


def backwards(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for schedule in Schedule.objects.all():
        for old, new in RENAMES:
            if schedule.func.startswith(new):
                schedule.func = old + schedule.func[len(new) :]
                schedule.save(update_fields=["func"])
                break


class Migration(migrations.Migration):
    dependencies = [
        ("ingestion", "0002_model_second_opinion"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
