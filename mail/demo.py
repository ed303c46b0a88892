"""The demo account's email (see applications.demo, which sends `demo_built`): a mailbox
that is never connected and some recruiting emails, a few linked to applications (on their
timelines), a few waiting in the review inbox, one job alert set aside.

The mailbox is paused (`enabled=False`): the 10-minute poll and "Sync now" skip paused
mailboxes, and its host is under `.invalid`, a name that never resolves, so even "Test
connection" reaches nothing. No password is stored.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.dispatch import receiver
from django.utils import timezone

from applications.models import Application, ContactKind, Event, EventKind, Status
from applications.services import record_event
from applications.signals import demo_built

from .models import Email, Label, Mailbox, MailRule, Review, Stage

MAILBOX_NAME = "Demo mailbox (sample emails, never connected)"
RECEIVED = (
    "Thank you for applying to {company}",
    "Hi Robin,\n\nThank you for applying for the {title} position at {company}. We have "
    "received your application and our team will review it within the next two weeks.\n\n"
    "Best regards,\nThe {company} recruiting team",
)
LINKED = {
    Status.SCREENING: (
        Label.ACTION_REQUIRED,
        "Quick call about the {title} role?",
        "Hi Robin,\n\nThanks for your application. Could you pick a 30-minute slot for a first "
        "call with me next week? Here is my calendar: https://cal.example/demo\n\nBest,\n"
        "{person}\n{company}",
    ),
    Status.ASSESSMENT: (
        Label.ASSESSMENT,
        "Your take-home exercise for {title}",
        "Hi Robin,\n\nAs discussed, here is the take-home exercise. It should take about three "
        "hours; please send it back within seven days.\n\nGood luck!\n{person}",
    ),
    Status.INTERVIEWING: (
        Label.INTERVIEW,
        "Interview invitation: {title} at {company}",
        "Hi Robin,\n\nThe team enjoyed the first conversation and would like to invite you to a "
        "technical interview (90 minutes, video). You will meet two engineers from the team.\n\n"
        "Looking forward to it,\n{person}",
    ),
    Status.OFFER: (
        Label.OFFER,
        "Your offer from {company}",
        "Hi Robin,\n\nWe are delighted to offer you the {title} position. The written offer is "
        "attached; we would love to hear from you within a week.\n\nWarm regards,\n{person}",
    ),
    Status.REJECTED: (
        Label.REJECTION,
        "Your application at {company}",
        "Hi Robin,\n\nThank you for your interest in {company}. After careful consideration we "
        "have decided not to move forward with your application for {title}.\n\nWe wish you "
        "all the best,\nThe {company} recruiting team",
    ),
}
# The event each linked email stands for, to date it where the timeline already has it.
EVIDENCE = {
    Status.SCREENING: Status.SCREENING,
    Status.ASSESSMENT: Status.ASSESSMENT,
    Status.INTERVIEWING: Status.INTERVIEWING,
    Status.OFFER: Status.OFFER,
}


def _domain(app: Application) -> str:
    host = urlsplit(app.url).hostname or "company.example"
    return host.removeprefix("jobs.")


class _Writer:
    def __init__(self, owner_id: int, mailbox: Mailbox, now):
        self.owner_id, self.mailbox, self.now = owner_id, mailbox, now
        self.uid = 100
        self.rows: list[tuple[Email, Application | None]] = []

    def add(self, app: Application | None, sent_at, **fields) -> Email:
        self.uid += 1
        message_id = f"<demo-{self.uid}@{fields['sender_email'].split('@')[1]}>"
        email = Email(
            owner_id=self.owner_id,
            mailbox=self.mailbox,
            identity=f"mid:{message_id}",
            folder="INBOX",
            uidvalidity=1,
            uid=self.uid,
            message_id=message_id,
            sender=f"{fields['sender_name']} <{fields['sender_email']}>",
            recipients="robin@demo.invalid",
            sent_at=min(sent_at, self.now - timedelta(minutes=5)),
            stored_at=self.now,
            processed_at=self.now,
            size=len(fields.get("text", "")) + 600,
            application=app,
            **fields,
        )
        self.rows.append((email, app))
        return email


def _sent_at(app: Application, status: str):
    """When the timeline says this step happened (the email caused it), else applied + 1 h."""
    event = (
        Event.objects.filter(application=app, kind=EventKind.STATUS_CHANGED, payload__to=status)
        .order_by("occurred_at")
        .first()
    )
    if event is not None:
        return event.occurred_at - timedelta(minutes=40)
    return (app.applied_at or app.created_at) + timedelta(hours=1)


def _linked(writer: _Writer, by_status: dict[str, list[Application]]) -> None:
    for app in by_status.get(Status.APPLIED, [])[:3]:
        subject, text = RECEIVED
        domain = _domain(app)
        writer.add(
            app,
            (app.applied_at or app.created_at) + timedelta(minutes=12),
            sender_name=f"{app.company} Recruiting",
            sender_email=f"no-reply@{domain}",
            subject=subject.format(company=app.company),
            text=text.format(company=app.company, title=app.title),
            label=Label.RECEIVED,
            confidence=0.95,
            label_reasons=["says “thank you for applying”"],
            stage=Stage.DOMAIN,
            match_score=0.9,
            match_reasons=[f"sender domain {domain} is the posting's site"],
            review=Review.LINKED,
        )
    people = ["Sam Rivera", "Jo Müller", "Alex Chen", "Priya Nair"]
    for status, (label, subject, text) in LINKED.items():
        for index, app in enumerate(by_status.get(status, [])[:2]):
            # Written by the person the application lists as its contact, where there is one.
            contact = app.contacts.exclude(kind=ContactKind.REFERRER).first()
            person = contact.name if contact else people[index % len(people)]
            domain = _domain(app)
            sender = (
                ("Recruiting", f"careers@{domain}")
                if status == Status.REJECTED
                else (person, f"{person.split()[0].lower()}@{domain}")
            )
            when = (
                _sent_at(app, EVIDENCE[status])
                if status in EVIDENCE
                else app.status_changed_at - timedelta(minutes=20)
            )
            values = {"company": app.company, "title": app.title, "person": person}
            writer.add(
                app,
                when,
                sender_name=sender[0],
                sender_email=sender[1],
                subject=subject.format(**values),
                text=text.format(**values),
                label=label,
                confidence=0.9,
                label_reasons=[f"reads like {Label(label).label.lower()}"],
                stage=Stage.DOMAIN,
                match_score=0.88,
                match_reasons=[f"sender domain {domain} is the posting's site"],
                review=Review.LINKED,
            )


def _waiting(writer: _Writer, by_status: dict[str, list[Application]], now) -> None:
    applied = by_status.get(Status.APPLIED, [])
    interviewing = by_status.get(Status.INTERVIEWING, [])
    assessment = by_status.get(Status.ASSESSMENT, [])
    writer.add(
        None,
        now - timedelta(hours=3),
        sender_name="Mia Kowalski",
        sender_email="mia.kowalski@talentbridge.example",
        subject="Platform role at a Berlin scale-up",
        text="Hi Robin,\n\nI came across your profile and think you would be a great fit for a "
        "Senior Platform Engineer role with one of my clients, a Series B scale-up in Berlin "
        "(€85–100k, hybrid). Open to a quick chat this week?\n\nMia\nTalentBridge Recruiting",
        label=Label.OUTREACH,
        confidence=0.72,
        label_reasons=["a recruiter writing first", "mentions a role you have not applied to"],
        review=Review.PENDING,
    )
    if len(applied) >= 2:
        first, second = applied[-1], applied[-2]
        writer.add(
            None,
            now - timedelta(hours=20),
            sender_name="Hiring Team",
            sender_email="no-reply@ats-mail.example",
            subject="An update on your application",
            text=f"Hello Robin,\n\nThank you for your patience. The hiring team for the "
            f"{first.title} role has reviewed your application. Unfortunately, we will not be "
            "moving forward at this time.\n\nKind regards,\nThe Hiring Team",
            label=Label.REJECTION,
            confidence=0.64,
            label_reasons=["says “not be moving forward”", "sent by an ATS, no company named"],
            candidates=[
                {"id": first.pk, "score": 0.58, "reasons": [f"job title “{first.title}”"]},
                {"id": second.pk, "score": 0.41, "reasons": ["applied around the same time"]},
            ],
            match_reasons=["the sender is an ATS shared by many companies"],
            review=Review.PENDING,
        )
    if interviewing:
        app = interviewing[0]
        writer.add(
            None,
            now - timedelta(hours=6),
            sender_name="Sam Rivera",
            sender_email="sam.rivera.recruits@mail.example",
            subject="Next steps",
            text="Hi Robin,\n\nGreat speaking with you! Could you send me two times that work for "
            "the final round next week? I will set it up with the team.\n\nSam",
            label=Label.INTERVIEW,
            confidence=0.7,
            label_reasons=["asks for times for a “final round”"],
            candidates=[
                {
                    "id": app.pk,
                    "score": 0.62,
                    "reasons": ["sender name is your contact Sam Rivera", "in interviews now"],
                },
            ],  # fmt: skip
            match_reasons=["written from a personal address"],
            review=Review.PENDING,
        )
    if assessment:
        app = assessment[0]
        writer.add(
            None,
            now - timedelta(days=1, hours=2),
            sender_name="CodeCheck",
            sender_email="reminders@codecheck.example",
            subject=f"Reminder: your coding challenge for {app.title} closes in 2 days",
            text=f"Hi Robin,\n\nYour coding challenge for the {app.title} role is still open. "
            "It closes in two days.\n\nThe CodeCheck team",
            label=Label.ASSESSMENT,
            confidence=0.82,
            label_reasons=["mentions a “coding challenge”"],
            candidates=[{"id": app.pk, "score": 0.55, "reasons": [f"job title “{app.title}”"]}],
            match_reasons=["sent by an assessment service, not the company"],
            review=Review.PENDING,
        )
    writer.add(
        None,
        now - timedelta(hours=9),
        sender_name="JobBoard Alerts",
        sender_email="alerts@jobboard.example",
        subject="12 new Python jobs in Berlin",
        text="12 new jobs match your search “Python, Berlin”.",
        label=Label.OTHER,
        confidence=0.9,
        label_reasons=["a bulk job alert"],
        is_bulk=True,
        list_id="<alerts.jobboard.example>",
        review=Review.NONE,
    )


@receiver(demo_built, dispatch_uid="mail.demo_emails")
def add_demo_emails(sender, owner_id: int, now=None, **kwargs) -> str:
    now = now or timezone.now()
    Email.objects.filter(owner_id=owner_id).delete()
    MailRule.objects.filter(owner_id=owner_id).delete()
    Mailbox.objects.filter(owner_id=owner_id).delete()
    mailbox = Mailbox.objects.create(
        owner_id=owner_id,
        name=MAILBOX_NAME,
        host="imap.demo.invalid",
        username="robin@demo.invalid",
        password_encrypted="",
        enabled=False,
    )
    by_status: dict[str, list[Application]] = {}
    for app in Application.objects.filter(owner_id=owner_id).order_by("created_at", "pk"):
        by_status.setdefault(app.status, []).append(app)
    writer = _Writer(owner_id, mailbox, now)
    _linked(writer, by_status)
    _waiting(writer, by_status, now)
    Email.objects.bulk_create([email for email, _ in writer.rows])
    for email, app in writer.rows:
        if app is None:
            continue
        # What processing does for a linked email (mail.processing.apply_effects), without
        # its status move: the demo's statuses are already where these emails lead.
        label = Label(email.label)
        record_event(
            app,
            EventKind.EMAIL_RECEIVED,
            f"{label.label}: {email.subject}"[:500],
            occurred_at=email.sent_at,
            email_id=email.pk,
            payload={"label": label.value, "stage": email.stage,
                     "response": label not in (Label.RECEIVED, Label.OTHER, Label.WITHDRAWN)},
        )  # fmt: skip
    Email.objects.filter(owner_id=owner_id, application__isnull=False).update(effects_at=now)
    linked = sum(1 for _, app in writer.rows if app is not None)
    waiting = sum(1 for email, _ in writer.rows if email.review == Review.PENDING)
    return (
        f"{len(writer.rows)} sample emails: {linked} on application timelines, {waiting} "
        "waiting in the inbox; the demo mailbox is paused and never connects (mail)"
    )
