"""What applications announces to the apps above (`demo_built`), and its receivers for news
from boards (applications may import boards, not the reverse)."""

from django.dispatch import Signal, receiver

from boards.models import Job
from boards.signals import postings_changed
from jobtracker.signals import credentials_changed
from jobtracker.text import norm_company, norm_title

from .models import Application, CalendarFeed, EventKind
from .services import record_event

# Sent by applications.demo after it rebuilt the demo account's applications, inside the same
# transaction, with `owner_id` and `now`. The apps above add their part (a profile and scores,
# a demo mailbox with emails) and answer with a short summary line, or None.
demo_built = Signal()


@receiver(postings_changed, dispatch_uid="applications.mark_already_applied")
def mark_already_applied(sender, owner_id, new_job_ids=(), **kwargs) -> None:
    """Flag new jobs the user already tracks: same URL, or same company and title."""
    if not new_job_ids:
        return
    apps = Application.objects.filter(owner_id=owner_id).values_list("url", "company", "title")
    urls, keys = set(), set()
    for url, company, title in apps:
        if url:
            urls.add(url)
        if company and title:
            keys.add((norm_company(company), norm_title(title)))
    if not urls and not keys:
        return
    matched = [
        pk
        for pk, url, company, title in Job.objects.filter(pk__in=list(new_job_ids)).values_list(
            "pk", "canonical_url", "company", "title"
        )
        if url in urls or (norm_company(company), norm_title(title)) in keys
    ]
    if matched:
        Job.objects.filter(pk__in=matched).update(already_applied=True)


@receiver(postings_changed, dispatch_uid="applications.record_posting_changes")
def record_posting_changes(sender, owner_id, changes=None, scan_run_id=None, **kwargs) -> None:
    """A source replaced what a tracked posting said: the application's timeline shows it."""
    if not changes:
        return
    for app in Application.objects.filter(owner_id=owner_id, job_id__in=list(changes)):
        replaced = changes[app.job_id]
        text = "; ".join(f"{c['field']}: {c['old']} → {c['new']}" for c in replaced)
        record_event(
            app,
            EventKind.POSTING_CHANGED,
            f"The posting changed ({replaced[0]['origin']}): {text}",
            payload={"changes": replaced},
            scan_run_id=scan_run_id,
        )


@receiver(credentials_changed, dispatch_uid="applications.end_calendar_link")
def end_calendar_link(sender, user, **kwargs):
    """A new password ends the private calendar link too: whoever had the old password may
    have copied it. The person creates a new one on the calendar page."""
    CalendarFeed.objects.filter(owner=user).delete()
