"""Signals boards sends upward (boards imports no app above it)."""

from django.dispatch import Signal

# Sent after a scan or an enrichment wrote jobs.
# kwargs: owner_id (int), board_id (int | None), new_job_ids (list[int]),
#         updated_job_ids (list[int]), scan_run_id (int | None)
postings_changed = Signal()
