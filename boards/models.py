"""Boards (career sites to scan), the jobs found on them, and each scan's log."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class SourceKind(models.TextChoices):
    GREENHOUSE = "greenhouse", "Greenhouse"
    LEVER = "lever", "Lever"
    ASHBY = "ashby", "Ashby"
    WORKDAY = "workday", "Workday"
    SMARTRECRUITERS = "smartrecruiters", "SmartRecruiters"
    WORKABLE = "workable", "Workable"
    RECRUITEE = "recruitee", "Recruitee"
    PERSONIO = "personio", "Personio"
    TEAMTAILOR = "teamtailor", "Teamtailor"
    BAMBOOHR = "bamboohr", "BambooHR"
    ADZUNA = "adzuna", "Adzuna search"
    JSONLD = "jsonld", "Page with schema.org JobPosting"
    HTML = "html", "HTML page with CSS selectors"
    MANUAL = "manual", "Captured or added by hand"


class Board(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="boards"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=SourceKind.choices)
    token = models.CharField(
        max_length=300,
        blank=True,
        help_text="The board's identifier at its ATS, e.g. a company slug.",
    )
    url = models.URLField(max_length=2000, blank=True, help_text="The careers page URL pasted in.")
    # Kind-specific settings: CSS selectors for `html`, tenant/site for Workday, query for Adzuna.
    config = models.JSONField(default=dict, blank=True)
    include_keywords = models.TextField(
        blank=True, help_text="One per line; a title must match one."
    )
    exclude_keywords = models.TextField(
        blank=True, help_text="One per line; a title matching any is dropped."
    )
    location_keywords = models.TextField(
        blank=True, help_text="One per line; a location must match one."
    )
    enabled = models.BooleanField(default=True)
    scan_interval_minutes = models.PositiveIntegerField(default=360)
    next_scan_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_scan_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    # Set when a worker claims the board for a scan; cleared when the scan ends.
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Remote(models.TextChoices):
    ONSITE = "onsite", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"
    UNKNOWN = "unknown", "Unknown"


class SalaryPeriod(models.TextChoices):
    YEAR = "year", "per year"
    MONTH = "month", "per month"
    WEEK = "week", "per week"
    DAY = "day", "per day"
    HOUR = "hour", "per hour"


class Job(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    board = models.ForeignKey(
        Board, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    source_kind = models.CharField(
        max_length=32, choices=SourceKind.choices, default=SourceKind.MANUAL
    )
    board_token = models.CharField(max_length=300, blank=True)
    external_id = models.CharField(max_length=300, blank=True)
    # Stable identity, one row per owner: "kind:board_token:external_id", else "url:<url>".
    identity = models.CharField(max_length=700)
    canonical_url = models.URLField(max_length=2000, blank=True, db_index=True)
    title = models.CharField(max_length=500, blank=True)
    company = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=500, blank=True)
    remote = models.CharField(max_length=16, choices=Remote.choices, default=Remote.UNKNOWN)
    employment_type = models.CharField(max_length=64, blank=True)
    salary_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True)
    salary_period = models.CharField(max_length=8, choices=SalaryPeriod.choices, blank=True)
    description_html = models.TextField(blank=True, help_text="Sanitized HTML.")
    description_text = models.TextField(blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    # Where each field group came from, where that differs from what source_kind implies
    # (see boards.merge): {"title": "person", "salary": "jsonld", ...}.
    field_sources = models.JSONField(default=dict, blank=True)
    is_new = models.BooleanField(default=True)
    seen = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False)
    already_applied = models.BooleanField(default=False)
    reposted_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reposts"
    )

    class Meta:
        ordering = ["-first_seen_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "identity"], name="job_unique_identity_per_owner"
            )
        ]
        indexes = [
            models.Index(fields=["owner", "-first_seen_at"], name="job_owner_recent"),
            models.Index(fields=["board", "closed_at"], name="job_board_open"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.title} at {self.company}" if self.company else self.title or self.canonical_url
        )


class ScanStatus(models.TextChoices):
    RUNNING = "running", "Running"
    OK = "ok", "OK"
    PARTIAL = "partial", "Partial"
    FAILED = "failed", "Failed"


class ScanRun(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=ScanStatus.choices, default=ScanStatus.RUNNING)
    found = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    filtered = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["board", "-started_at"], name="scanrun_board_recent")]

    def __str__(self) -> str:
        return f"{self.board} {self.started_at:%Y-%m-%d %H:%M} {self.status}"


class CompanyRule(models.Model):
    """A user's company blocklist/allowlist, shared by scanning and scoring."""

    class Kind(models.TextChoices):
        BLOCK = "block", "Block"
        ALLOW = "allow", "Allow"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="company_rules"
    )
    company = models.CharField(max_length=300)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.BLOCK)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["company"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "company"], name="company_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.company}"


class DigestSubscription(models.Model):
    """A user's opt-in to an email listing new jobs, sent after scans (at most hourly)."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_digest"
    )
    enabled = models.BooleanField(default=True)
    last_sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"digest for {self.owner}"
