"""Receivers for news from boards (applications may import boards, not the reverse)."""

from django.dispatch import receiver

from boards.models import Job
from boards.scanning import norm_company, norm_title
from boards.signals import postings_changed

from .models import Application


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
