"""The new-jobs digest: one email per subscribed user listing jobs first seen since the last."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from .models import DigestSubscription, Job

logger = logging.getLogger(__name__)
MAX_JOBS = 50


def new_jobs_since(owner, since):
    return (
        Job.objects.filter(
            owner=owner, first_seen_at__gt=since, hidden=False, closed_at__isnull=True
        )
        .select_related("board")
        .order_by("-first_seen_at")
    )


def send_digest(subscription: DigestSubscription) -> int:
    """Send one user's digest if there is anything new; returns the number of jobs listed."""
    owner = subscription.owner
    now = timezone.now()
    jobs = list(new_jobs_since(owner, subscription.last_sent_at)[: MAX_JOBS + 1])
    if not jobs or not owner.email:
        return 0
    more = len(jobs) > MAX_JOBS
    jobs = jobs[:MAX_JOBS]
    context = {"user": owner, "jobs": jobs, "more": more, "site": settings.SITE_URL}
    subject = render_to_string("emails/digest_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject,
        render_to_string("emails/digest_body.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [owner.email],
    )
    message.attach_alternative(render_to_string("emails/digest_body.html", context), "text/html")
    message.send()
    DigestSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
    logger.info("digest sent user=%s jobs=%s", owner.pk, len(jobs))
    return len(jobs)


def send_all_digests() -> int:
    sent = 0
    for subscription in DigestSubscription.objects.filter(enabled=True).select_related("owner"):
        try:
            sent += bool(send_digest(subscription))
        except Exception:  # one broken mailbox must not stop the others
            logger.exception("digest failed user=%s", subscription.owner_id)
    return sent


def set_digest(owner, enabled: bool) -> DigestSubscription:
    subscription, _ = DigestSubscription.objects.get_or_create(owner=owner)
    subscription.enabled = enabled
    subscription.save(update_fields=["enabled"])
    return subscription
