"""Each job's features (analysis.features), kept in StoredFeatures so that scoring reads a
posting's text only when the posting or the profile's own terms changed."""

import hashlib
from collections.abc import Iterator

from django.db.models.functions import MD5

from boards.models import Job

from .features import JobFeatures, JobInput, extract
from .models import StoredFeatures
from .scoring import ProfileSpec

CHUNK = 500
# Job columns the scorer reads.
JOB_FIELDS = (
    "pk",
    "title",
    "company",
    "location",
    "remote",
    "description_text",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
)


def job_input(row: dict) -> JobInput:
    return JobInput(
        title=row["title"],
        company=row["company"],
        location=row["location"],
        remote=row["remote"],
        text=row["description_text"],
        salary_min=row["salary_min"],
        salary_max=row["salary_max"],
        salary_currency=row["salary_currency"],
        salary_period=row["salary_period"],
    )


# The short job columns the features are read from (besides the text).
_SHORT_FIELDS = tuple(name for name in JOB_FIELDS if name not in ("pk", "description_text"))


def _content_key(row: dict) -> str:
    """The text's MD5 (`text_md5`, computed by the database so finding stale features reads
    no text) and a digest of the short columns."""
    short = "\x1f".join(str(row[name]) for name in _SHORT_FIELDS)
    return row["text_md5"] + hashlib.blake2b(short.encode(), digest_size=8).hexdigest()


def features_in(
    owner_id: int, spec: ProfileSpec, job_ids: list[int] | None = None
) -> Iterator[list[tuple[int, JobFeatures]]]:
    """The jobs' features, CHUNK jobs at a time in pk order. Stored features are used while
    the job's content and the profile's matcher are unchanged; the rest are read again from
    the text and stored."""
    jobs = Job.objects.filter(owner_id=owner_id).order_by("pk")
    if job_ids is not None:
        jobs = jobs.filter(pk__in=job_ids)
    last = 0
    while True:
        # The chunk's ids first: hashing in the same query can make the database hash every
        # remaining text before it sorts and stops at CHUNK.
        ids = list(jobs.filter(pk__gt=last).values_list("pk", flat=True)[:CHUNK])
        if not ids:
            return
        last = ids[-1]
        rows = list(
            Job.objects.filter(owner_id=owner_id, pk__in=ids)
            .order_by("pk")
            .annotate(text_md5=MD5("description_text"))
            .values(
                "pk",
                "text_md5",
                *_SHORT_FIELDS,
                "features__content_key",
                "features__matcher_key",
                "features__data",
            )
        )
        stale = {
            row["pk"]
            for row in rows
            if row["features__content_key"] != _content_key(row)
            or row["features__matcher_key"] != spec.matcher_key
        }
        fresh = _read_features(owner_id, spec, list(stale)) if stale else {}
        chunk = []
        for row in rows:
            pk = row["pk"]
            if pk not in stale:
                chunk.append((pk, JobFeatures.from_json(row["features__data"])))
            elif pk in fresh:  # else deleted since the first read
                chunk.append((pk, fresh[pk]))
        yield chunk


def _read_features(owner_id: int, spec: ProfileSpec, job_ids: list[int]) -> dict:
    """Read these jobs' texts with the profile's matcher and store what was found."""
    found, stored = {}, []
    rows = Job.objects.filter(owner_id=owner_id, pk__in=job_ids)
    for row in rows.annotate(text_md5=MD5("description_text")).values("text_md5", *JOB_FIELDS):
        features = extract(job_input(row), spec.matcher)
        found[row["pk"]] = features
        stored.append(
            StoredFeatures(
                job_id=row["pk"],
                owner_id=owner_id,
                content_key=_content_key(row),
                matcher_key=spec.matcher_key,
                data=features.to_json(),
            )
        )
    StoredFeatures.objects.bulk_create(
        stored,
        update_conflicts=True,
        unique_fields=["job"],
        update_fields=["content_key", "matcher_key", "data"],
    )
    return found
