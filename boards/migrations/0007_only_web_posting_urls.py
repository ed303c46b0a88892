"""Sources now hand over only http(s) posting URLs; jobs stored before that with a
`javascript:` or `data:` URL (an ATS can return anything) lose it, so no page links to it."""

from django.db import migrations
from django.db.models import Q


def forwards(apps, schema_editor):
    Job = apps.get_model("boards", "Job")
    web = Q(canonical_url__istartswith="http://") | Q(canonical_url__istartswith="https://")
    Job.objects.exclude(canonical_url="").exclude(web).update(canonical_url="")


class Migration(migrations.Migration):
    dependencies = [("boards", "0006_urls_without_trailing_slash")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
