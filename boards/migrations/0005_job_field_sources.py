"""Job.field_sources: where each field group came from (boards.merge).

On SQLite, adding a JSON column rebuilds the table, which drops the triggers that keep the
FTS5 search table in step; they are created again (and the index rebuilt) right after.
"""

from importlib import import_module

from django.db import migrations, models

fulltext = import_module("boards.migrations.0002_job_fulltext")


def restore_sqlite_search(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        fulltext.forwards(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0004_job_search_column"),
    ]

    operations = [
        # Going back also rebuilds the table (dropping the column): restore after that too.
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_search),
        migrations.AddField(
            model_name="job",
            name="field_sources",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(restore_sqlite_search, migrations.RunPython.noop),
    ]
