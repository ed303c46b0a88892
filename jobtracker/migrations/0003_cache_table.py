"""The database cache's table (API throttles, CSV uploads between their steps) comes
with `migrate`: a server set up by hand with `manage.py migrate` alone had none, and the first
upload failed with "no such table: jobtracker_cache". createcachetable skips tables that
exist and caches that are not in the database, so this is safe to run anywhere."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("jobtracker", "0002_user_time_zone")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
