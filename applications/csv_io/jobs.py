"""Running an import: small files at once, large ones in the background (django-q2), with
progress and the summary kept where the pages can read them (`store`)."""

import logging

from django.contrib.auth import get_user_model
from django_q.tasks import async_task

from . import store
from .importing import apply, plan
from .mapping import Choices
from .reading import CSVImportError, parse

logger = logging.getLogger(__name__)

IMPORT_TASK = "applications.csv_io.jobs.run_import"
INLINE_ROWS = 100  # rows imported within the request (~1–3 s); more go to a worker


def start_import(user, token: str, choices: Choices, rows: int) -> bool:
    """Start the import of an upload with these choices; False when it was already started."""
    if not store.start(user.pk, token, choices=choices.to_dict(), total=rows, done=0):
        return False
    if rows <= INLINE_ROWS:
        run_import(user.pk, token)
    else:
        async_task(IMPORT_TASK, user.pk, token, task_name=f"csv import {user.pk}")
    return True


def run_import(user_id: int, token: str) -> str:
    """The task: plan and apply an upload with the choices `start_import` recorded."""
    current = store.state(user_id, token)
    if current is None or current.get("status") != "queued" or not store.claim(user_id, token):
        return "skipped"
    user = get_user_model().objects.filter(pk=user_id).first()
    upload = store.load_upload(user_id, token)
    if user is None or upload is None:
        store.set_state(user_id, token, status="failed", error="The upload expired.")
        return "gone"
    try:
        parsed = parse(upload["text"], upload["encoding"])
        rows = plan(parsed, Choices.from_dict(current["choices"])).rows
        store.set_state(user_id, token, status="running")
        summary = apply(
            user,
            rows,
            progress=lambda done, total: store.set_state(user_id, token, done=done, total=total),
        )
    except CSVImportError as exc:
        store.set_state(user_id, token, status="failed", error=str(exc))
        return "failed"
    except Exception:
        logger.exception("csv import failed user=%s", user_id)
        store.set_state(
            user_id,
            token,
            status="failed",
            error="The import stopped on an unexpected error; rows imported "
            "so far are kept. Upload the file again to import the rest.",
        )
        return "failed"
    store.set_state(user_id, token, status="done", summary=summary.as_dict())
    store.drop_upload(user_id, token)
    return "done"
