"""Full-text job search: websearch_to_tsquery on PostgreSQL, FTS5 on SQLite, else a scan.

Results are ordered by the caller (recency by default): DESIGN.md measured that ranking every
match of a common term is slow, while recency with LIMIT stays fast on the GIN index.
"""

import re

from django.db import connection
from django.db.models import Q, QuerySet

from jobtracker.params import clean_text

# A stored generated tsvector column with a GIN index (migration 0004).
PG_VECTOR = "boards_job.search_tsv"
_TOKEN = re.compile(r'-?"[^"]+"|-?[\w][\w+#.]*', re.UNICODE)
MAX_TERMS = 12


def _fts5_available() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='boards_job_fts'")
        return cursor.fetchone() is not None


def fts5_query(text: str) -> str:
    """A safe FTS5 MATCH string from what a person typed: terms AND-ed, "phrases", -excluded.

    Every term is quoted, so FTS5 operators in the input are read as words.
    """
    positives, negatives = [], []
    for token in _TOKEN.findall(text or "")[:MAX_TERMS]:
        negative = token.startswith("-")
        word = token.lstrip("-").strip('"').replace('"', " ").strip()
        if not word or word.upper() in ("OR", "AND", "NOT"):
            continue
        (negatives if negative else positives).append(f'"{word}"')
    if not positives:
        return ""
    query = " ".join(positives)
    if negatives:
        query += " NOT " + " NOT ".join(negatives)
    return query


def search_jobs(queryset: QuerySet, text: str) -> QuerySet:
    text = clean_text(text, 200)  # PostgreSQL refuses NUL even as a query parameter
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.extra(
            where=[f"{PG_VECTOR} @@ websearch_to_tsquery('english', %s)"], params=[text]
        )
    if connection.vendor == "sqlite" and _fts5_available():
        match = fts5_query(text)
        if not match:
            return queryset.none()
        return queryset.extra(
            where=[
                "boards_job.id IN (SELECT rowid FROM boards_job_fts WHERE boards_job_fts MATCH %s)"
            ],
            params=[match],
        )
    condition = Q()
    for word in re.findall(r"\w+", text)[:MAX_TERMS]:
        condition &= Q(title__icontains=word) | Q(description_text__icontains=word)
    return queryset.filter(condition)
