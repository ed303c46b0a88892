"""Applications (one job applied to), their timeline of events, and contacts."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    SAVED = "saved", "Saved"
    APPLIED = "applied", "Applied"
    SCREENING = "screening", "Screening"
    ASSESSMENT = "assessment", "Assessment"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    GHOSTED = "ghosted", "Ghosted"


# The forward order of the pipeline; the endings sit after every active stage.
PIPELINE_ORDER = [
    Status.SAVED,
    Status.APPLIED,
    Status.SCREENING,
    Status.ASSESSMENT,
    Status.INTERVIEWING,
    Status.OFFER,
    Status.ACCEPTED,
]
ENDINGS = [Status.REJECTED, Status.WITHDRAWN, Status.GHOSTED]
STATUS_RANK = {s: i for i, s in enumerate(PIPELINE_ORDER)} | {
    s: len(PIPELINE_ORDER) for s in ENDINGS
}


class Source(models.TextChoices):
    MANUAL = "manual", "Manual"
    BOARD = "board", "Board"
    EXTENSION = "extension", "Extension"
    BOOKMARKLET = "bookmarklet", "Bookmarklet"
    EMAIL = "email", "Email"
    IMPORT = "import", "Import"


class Application(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    job = models.ForeignKey(
        "boards.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    company = models.CharField(max_length=300, blank=True)
    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=2000, blank=True, help_text="The posting, canonicalized.")
    location = models.CharField(max_length=500, blank=True)
    salary = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SAVED)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.MANUAL)
    applied_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # The furthest active stage ever reached (endings excluded): the funnel counts these.
    furthest_stage = models.CharField(max_length=16, choices=Status.choices, default=Status.SAVED)
    # When a person last set the status by hand; automation never overrides a later manual move.
    status_set_manually_at = models.DateTimeField(null=True, blank=True)
    # The first sign the employer answered (see dashboard.py); kept by services.record_event.
    first_response_at = models.DateTimeField(null=True, blank=True)
    next_action = models.CharField(max_length=300, blank=True)
    next_action_due = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    archived = models.BooleanField(default=False)
    # Names of fields a person edited; enrichment and imports never overwrite these.
    user_edited_fields = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["owner", "status"], name="app_owner_status"),
            models.Index(fields=["owner", "-created_at"], name="app_owner_recent"),
        ]
        constraints = [
            # One application per posting: concurrent captures of one URL cannot both insert.
            models.UniqueConstraint(
                fields=["owner", "url"],
                condition=~models.Q(url=""),
                name="app_unique_url_per_owner",
            )
        ]

    def __str__(self) -> str:
        return " at ".join(p for p in (self.title, self.company) if p) or self.url or f"#{self.pk}"

    def save(self, *args, **kwargs):
        if self.status in PIPELINE_ORDER and STATUS_RANK[self.status] > STATUS_RANK.get(
            self.furthest_stage, 0
        ):
            self.furthest_stage = self.status
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "furthest_stage"}
        super().save(*args, **kwargs)


class EventKind(models.TextChoices):
    CREATED = "created", "Created"
    CAPTURED = "captured", "Captured"
    STATUS_CHANGED = "status_changed", "Status changed"
    NOTE_ADDED = "note_added", "Note added"
    EMAIL_RECEIVED = "email_received", "Email received"
    EMAIL_LINKED = "email_linked", "Email linked"
    INTERVIEW_SCHEDULED = "interview_scheduled", "Interview scheduled"
    ASSESSMENT_RECEIVED = "assessment_received", "Assessment received"
    OFFER_RECEIVED = "offer_received", "Offer received"
    REJECTION_RECEIVED = "rejection_received", "Rejection received"
    POSTING_ENRICHED = "posting_enriched", "Posting enriched"
    POSTING_CHANGED = "posting_changed", "Posting changed"
    ENRICHMENT_FAILED = "enrichment_failed", "Enrichment failed"
    SCORED = "scored", "Scored"
    ANALYZED = "analyzed", "Analyzed"
    DOCUMENT_GENERATED = "document_generated", "Document generated"
    FOLLOW_UP_DUE = "follow_up_due", "Follow-up due"
    CONTACT_ADDED = "contact_added", "Contact added"
    TASK_ADDED = "task_added", "Task added"
    TASK_DONE = "task_done", "Task done"
    IMPORTED = "imported", "Imported"
    SYNCED = "synced", "Synced"


class Actor(models.TextChoices):
    USER = "user", "You"
    SYSTEM = "system", "jobtracker"


class Event(models.Model):
    """One entry of an application's timeline. Written only through services.record_event()."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    occurred_at = models.DateTimeField(default=timezone.now)
    actor = models.CharField(max_length=8, choices=Actor.choices, default=Actor.SYSTEM)
    text = models.CharField(max_length=500, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    # When the thing it announces happens (an interview, a follow-up); None for the rest.
    scheduled_for = models.DateTimeField(null=True, blank=True, db_index=True)
    # What caused it, by id: apps above this one (mail, analysis) own those rows, so the
    # link is a plain id plus a kind rather than a foreign key this app would have to import.
    email_id = models.BigIntegerField(null=True, blank=True)
    scan_run = models.ForeignKey(
        "boards.ScanRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["application", "-occurred_at"], name="event_app_recent")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"


class ContactKind(models.TextChoices):
    RECRUITER = "recruiter", "Recruiter"
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    INTERVIEWER = "interviewer", "Interviewer"
    REFERRER = "referrer", "Referrer"
    OTHER = "other", "Other"


class Contact(models.Model):
    """A person met during the search; one contact may belong to several applications."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    applications = models.ManyToManyField(Application, blank=True, related_name="contacts")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=ContactKind.choices, default=ContactKind.OTHER)
    role = models.CharField(max_length=200, blank=True, help_text="Their job title.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    profile_url = models.URLField(max_length=2000, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TaskKind(models.TextChoices):
    FOLLOW_UP = "follow_up", "Follow up"
    THANK_YOU = "thank_you", "Send thank-you"
    PREPARE = "prepare", "Prepare"
    APPLY = "apply", "Apply"
    OTHER = "other", "Other"


class Task(models.Model):
    """Something to do for an application, maybe by a date. `Application.next_action` and
    `next_action_due` mirror the earliest open task so cards and lists read one row."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="tasks", null=True, blank=True
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=TaskKind.choices, default=TaskKind.OTHER)
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = [
            models.F("done_at").asc(nulls_first=True),
            models.F("due_on").asc(nulls_last=True),
            "id",
        ]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"], name="task_owner_open_due")]

    def __str__(self) -> str:
        return self.title


class Preferences(models.Model):
    """One user's choices for this app: pipeline column names and visibility, task email."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="application_prefs"
    )
    # {status value: label} for renamed columns; statuses absent keep their own name.
    stage_labels = models.JSONField(default=dict, blank=True)
    hidden_stages = models.JSONField(default=list, blank=True)
    task_email = models.BooleanField(
        default=False, help_text="Email me each morning what is due today and overdue."
    )
    task_email_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "preferences"

    def __str__(self) -> str:
        return f"preferences of {self.owner}"


class CalendarFeed(models.Model):
    """A private ICS feed of interviews and follow-ups; only the token's hash is stored."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.owner}"


class SheetSync(models.Model):
    """Google Sheets sync state for one user (credentials come from settings)."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sheet_sync"
    )
    spreadsheet_key = models.CharField(max_length=200)
    worksheet = models.CharField(max_length=100, default="Applications")
    enabled = models.BooleanField(default=True)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    rows_written = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"sheet sync of {self.owner}"
