"""Mailboxes read over IMAP, the emails stored from them, and the rules learned from review."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from jobtracker import crypto


class Security(models.TextChoices):
    SSL = "ssl", "SSL/TLS (port 993)"
    STARTTLS = "starttls", "STARTTLS (port 143)"
    # Only for a server on this machine (with IMAP_ALLOW_LOOPBACK), or anywhere with
    # IMAP_ALLOW_PLAIN: the password would otherwise cross a network unencrypted.
    PLAIN = "plain", "None (this machine only)"


class Mailbox(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mailboxes"
    )
    name = models.CharField(max_length=100, blank=True, help_text="Shown in lists.")
    host = models.CharField(max_length=255)
    port = models.PositiveIntegerField(default=993)
    security = models.CharField(max_length=8, choices=Security.choices, default=Security.SSL)
    username = models.CharField(max_length=255)
    password_encrypted = models.TextField(editable=False)
    folders = models.CharField(
        max_length=1000, default="INBOX", help_text="Folders to read, separated by commas."
    )
    enabled = models.BooleanField(default=True)
    ask_model_when_unsure = models.BooleanField(
        default=False,
        verbose_name="Ask the language model when the rules are unsure",
        help_text="Sends the subject, sender and text of low-confidence emails to the configured "
        "model (it counts against your LLM budget). Off: rules only, nothing leaves the server.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_new_count = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    # Set while a worker syncs it (conditional UPDATE), so two workers never read it at once.
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "mailboxes"

    def __str__(self) -> str:
        return self.name or f"{self.username}@{self.host}"

    def set_password(self, raw: str) -> None:
        self.password_encrypted = crypto.encrypt(raw)

    def get_password(self) -> str:
        return crypto.decrypt(self.password_encrypted)

    @property
    def folder_list(self) -> list[str]:
        names = [f.strip() for f in self.folders.split(",") if f.strip()]
        return list(dict.fromkeys(names)) or ["INBOX"]


class MailFolder(models.Model):
    """Where reading stopped in one folder: UIDs only mean something within a UIDVALIDITY."""

    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="folder_states")
    name = models.CharField(max_length=255)
    uidvalidity = models.BigIntegerField(null=True, blank=True)
    last_uid = models.BigIntegerField(default=0)
    last_synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailbox", "name"], name="mailfolder_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.mailbox} / {self.name}"


class Label(models.TextChoices):
    RECEIVED = "received", "Application received"
    REJECTION = "rejection", "Rejection"
    INTERVIEW = "interview", "Interview"
    ASSESSMENT = "assessment", "Assessment"
    OFFER = "offer", "Offer"
    ACTION_REQUIRED = "action_required", "Action required"
    OUTREACH = "outreach", "Recruiter outreach"
    WITHDRAWN = "withdrawn", "Withdrawal confirmed"
    OTHER = "other", "Other"


class Review(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    LINKED = "linked", "Linked"
    CREATED = "created", "Created an application"
    IGNORED = "ignored", "Ignored"
    NONE = "none", "Nothing to do"  # e.g. a job alert: not shown in the inbox


class Stage(models.TextChoices):
    THREAD = "thread", "Same thread"
    IDS = "ids", "Posting link or ATS id"
    RULE = "rule", "Learned rule"
    DOMAIN = "domain", "Sender domain"
    NAME = "name", "Sender name"
    COMPANY = "company", "Company name"
    TITLE = "title", "Job title"
    USER = "user", "Linked by you"
    CREATED = "created", "Created from this email"


class Email(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mailbox = models.ForeignKey(
        Mailbox, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails"
    )
    # "mid:<Message-ID>" or, without one, "uid:<mailbox>:<uidvalidity>:<uid>": stored once.
    identity = models.CharField(max_length=1000)
    folder = models.CharField(max_length=255, blank=True)
    uidvalidity = models.BigIntegerField(null=True, blank=True)
    uid = models.BigIntegerField(null=True, blank=True)
    message_id = models.CharField(max_length=998, blank=True, db_index=True)
    in_reply_to = models.CharField(max_length=998, blank=True)
    references = models.TextField(blank=True)
    sender = models.CharField(max_length=500, blank=True)
    sender_email = models.CharField(max_length=320, blank=True, db_index=True)
    sender_name = models.CharField(max_length=300, blank=True)
    recipients = models.TextField(blank=True)
    subject = models.CharField(max_length=1000, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField(blank=True)
    list_id = models.CharField(max_length=500, blank=True)
    is_bulk = models.BooleanField(default=False)
    size = models.PositiveIntegerField(default=0)
    attachments = models.JSONField(default=list, blank=True)
    stored_at = models.DateTimeField(default=timezone.now)

    label = models.CharField(max_length=16, choices=Label.choices, default=Label.OTHER)
    confidence = models.FloatField(default=0)
    label_reasons = models.JSONField(default=list, blank=True)
    labelled_by_user = models.BooleanField(default=False)
    # The language model's answer, asked once for a low-confidence email (see second_opinion).
    model_label = models.CharField(max_length=16, choices=Label.choices, blank=True)
    model_confidence = models.FloatField(null=True, blank=True)

    application = models.ForeignKey(
        "applications.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="emails",
    )
    stage = models.CharField(max_length=8, choices=Stage.choices, blank=True)
    match_score = models.FloatField(null=True, blank=True)
    match_reasons = models.JSONField(default=list, blank=True)
    # Top candidates when no application was certain: [{"id", "score", "reasons"}].
    candidates = models.JSONField(default=list, blank=True)
    review = models.CharField(max_length=8, choices=Review.choices, default=Review.PENDING)
    processed_at = models.DateTimeField(null=True, blank=True)
    # Set once its effects (event, status move) were applied, so a rerun never repeats them.
    effects_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "identity"], name="email_unique_identity")
        ]
        indexes = [
            models.Index(fields=["owner", "review", "-sent_at"], name="email_review_recent"),
            models.Index(fields=["owner", "sender_email"], name="email_owner_sender"),
        ]

    def __str__(self) -> str:
        return self.subject or f"email {self.pk}"


class RuleKind(models.TextChoices):
    ADDRESS = "address", "Sender address"
    DOMAIN = "domain", "Sender domain"
    NAME = "name", "Sender name"


class MailRule(models.Model):
    """Learned from a correction in the review inbox: mail from here is about this company."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=RuleKind.choices)
    value = models.CharField(max_length=320)
    company = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["company", "value"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind", "value"], name="mailrule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.value} → {self.company}"
