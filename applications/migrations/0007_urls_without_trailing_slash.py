"""Application URLs follow the canonical form without a trailing slash (boards 0006)."""

from urllib.parse import urlsplit, urlunsplit

from django.db import migrations
from django.db.models import Q


def forwards(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    slashed = Application.objects.filter(Q(url__endswith="/") | Q(url__contains="/?"))
    for app in slashed.only("id", "url").iterator():
        parts = urlsplit(app.url)
        path = parts.path.rstrip("/") or "/"
        if path != parts.path:
            url = urlunsplit(parts._replace(path=path))
            Application.objects.filter(pk=app.pk).update(url=url)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0006_tasks_contact_kinds_preferences"),
        ("boards", "0006_urls_without_trailing_slash"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
