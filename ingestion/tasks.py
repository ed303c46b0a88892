"""Background work for ingestion. Tasks take ids and re-fetch their rows."""

from .enrichment import enrich


def enrich_application(application_id: int, attempt: int = 1) -> str:
    """Read a captured posting and fill in the job and application (retries itself)."""
    return enrich(application_id, attempt)
