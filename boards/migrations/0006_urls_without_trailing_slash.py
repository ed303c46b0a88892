"""Canonical URLs lost their trailing slash (/jobs/1/ and /jobs/1 are one posting). Stored
jobs follow, so the next scan finds them under the new identity instead of closing them and
creating copies. Where both forms already exist for one owner, the row is left as it was:
the scan keeps the slash-less one and closes the other."""

from urllib.parse import urlsplit, urlunsplit

from django.db import migrations


def _without_slash(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(parts._replace(path=path)) if path != parts.path else url


def forwards(apps, schema_editor):
    Job = apps.get_model("boards", "Job")
    rows = Job.objects.filter(canonical_url__contains="/").only(
        "id", "owner_id", "identity", "canonical_url"
    )
    for job in rows.iterator(chunk_size=1000):
        url = _without_slash(job.canonical_url)
        if url == job.canonical_url:
            continue
        identity = job.identity
        if identity == f"url:{job.canonical_url}"[:700]:
            identity = f"url:{url}"[:700]
            taken = Job.objects.filter(owner_id=job.owner_id, identity=identity).exists()
            if taken:
                continue
        Job.objects.filter(pk=job.pk).update(canonical_url=url, identity=identity)


class Migration(migrations.Migration):
    dependencies = [("boards", "0005_job_field_sources")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
