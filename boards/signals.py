"""Signals boards sends upward (boards imports no app above it)."""

from django.dispatch import Signal

# Sent after a scan or an enrichment wrote jobs.
# kwargs: owner_id (int), board_id (int | None), new_job_ids (list[int]),
#         updated_job_ids (list[int]), scan_run_id (int | None),
#         changes (dict[int, list[dict]]: per job, the stored values a source replaced, each
#         {"field", "old", "new", "origin"}; may be absent)
postings_changed = Signal()
