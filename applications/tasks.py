"""Background work for applications. Tasks take ids."""

import importlib.util

from django_q.tasks import async_task

ENRICH_TASK = "ingestion.tasks.enrich_application"


def enqueue_enrichment(application_id: int) -> bool:
    """Ask the capture app to read the posting, when it is installed (it lives above us)."""
    if importlib.util.find_spec("ingestion.tasks") is None:
        return False
    module = importlib.import_module("ingestion.tasks")
    if not hasattr(module, "enrich_application"):
        return False
    async_task(ENRICH_TASK, application_id, task_name=f"enrich application {application_id}")
    return True
