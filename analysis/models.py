"""What jobs are matched against (Profile, Resume), the fast Score, LLM calls and analyses,
and documents written for an application."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Seniority(models.TextChoices):
    INTERN = "intern", "Intern / working student"
    JUNIOR = "junior", "Junior"
    MID = "mid", "Mid-level"
    SENIOR = "senior", "Senior"
    STAFF = "staff", "Staff / principal"
    LEAD = "lead", "Lead / manager"
    DIRECTOR = "director", "Director / head of"


class RemotePreference(models.TextChoices):
    ANY = "any", "Any"
    REMOTE = "remote", "Remote only"
    HYBRID = "hybrid", "Remote or hybrid"
    ONSITE = "onsite", "On-site preferred"


class Profile(models.Model):
    """One per user. `version` goes up on every change that can move a score."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    headline = models.CharField(max_length=300, blank=True)
    skills = models.JSONField(default=list, blank=True, help_text="Canonical skill names.")
    target_titles = models.JSONField(default=list, blank=True)
    seniority = models.CharField(max_length=16, choices=Seniority.choices, blank=True)
    years_experience = models.PositiveSmallIntegerField(null=True, blank=True)
    locations = models.JSONField(default=list, blank=True)
    remote_preference = models.CharField(
        max_length=8, choices=RemotePreference.choices, default=RemotePreference.ANY
    )
    min_salary = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True)
    must_have_keywords = models.JSONField(default=list, blank=True)
    avoid_keywords = models.JSONField(default=list, blank=True)
    # Per-user LLM budget for a calendar month; None means the server default from settings.
    monthly_token_budget = models.PositiveBigIntegerField(null=True, blank=True)
    monthly_cost_budget = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    # Skill document frequencies over the user's jobs (rarity weights): {skill: jobs}.
    skill_df = models.JSONField(default=dict, blank=True)
    df_jobs = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"profile of {self.owner}"


class Resume(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resumes"
    )
    name = models.CharField(max_length=200)
    filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    text = models.TextField()
    is_active = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-is_active", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"], condition=models.Q(is_active=True), name="one_active_resume"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Band(models.TextChoices):
    STRONG = "strong", "Strong"
    GOOD = "good", "Good"
    FAIR = "fair", "Fair"
    WEAK = "weak", "Weak"


class Score(models.Model):
    """The fast, explainable fit of one job for the profile at `profile_version`."""

    job = models.ForeignKey("boards.Job", on_delete=models.CASCADE, related_name="scores")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    profile_version = models.PositiveIntegerField()
    total = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=8, choices=Band.choices)
    # {"skills": 30, "title": 15, ...}: integer parts that sum to `total`.
    breakdown = models.JSONField(default=dict)
    matched_skills = models.JSONField(default=list)
    missing_skills = models.JSONField(default=list)
    flags = models.JSONField(default=list)  # e.g. "below_salary_floor", "avoid:crypto"
    reasons = models.JSONField(default=list)  # short sentences: the visible "why"
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job"], name="one_score_per_job")]
        indexes = [models.Index(fields=["owner", "-total"], name="score_owner_total")]

    def __str__(self) -> str:
        return f"{self.total} ({self.band}) for job {self.job_id}"


class StoredFeatures(models.Model):
    """What the fast score reads from one job (analysis.features.JobFeatures as JSON), so a
    rescore after a profile change reads no posting text. Stale, and read again, when the
    job's content no longer hashes to `content_key` or the profile's matcher (its own skills
    and keywords) no longer has `matcher_key`."""

    job = models.OneToOneField(
        "boards.Job", on_delete=models.CASCADE, primary_key=True, related_name="features"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_key = models.CharField(max_length=48)
    matcher_key = models.CharField(max_length=40)
    data = models.JSONField()

    class Meta:
        verbose_name_plural = "stored features"

    def __str__(self) -> str:
        return f"features of job {self.job_id}"


class RescoreRun(models.Model):
    """A background recompute of every job's score after a profile change."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rescore_runs"
    )
    profile_version = models.PositiveIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"rescore v{self.profile_version} {self.status} {self.done}/{self.total}"


class Purpose(models.TextChoices):
    ANALYSIS = "analysis", "Job analysis"
    COVER_LETTER = "cover_letter", "Cover letter"
    ANSWERS = "answers", "Application answers"
    BULLETS = "bullets", "Resume bullets"
    EMAIL = "email", "Email classification"


class LlmCall(models.Model):
    """One request to a language model, with its usage and cost (also failed ones)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="llm_calls"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    provider = models.CharField(max_length=32)
    model = models.CharField(max_length=100)
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    cache_read_tokens = models.PositiveIntegerField(default=0)
    cache_write_tokens = models.PositiveIntegerField(default=0)
    cost = models.DecimalField(max_digits=12, decimal_places=6, default=0)
    attempts = models.PositiveSmallIntegerField(default=1)
    ok = models.BooleanField(default=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "LLM call"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="llmcall_owner_recent")]

    @property
    def total_tokens(self) -> int:
        return (
            self.input_tokens
            + self.output_tokens
            + self.cache_read_tokens
            + (self.cache_write_tokens)
        )

    def __str__(self) -> str:
        return f"{self.model} {self.purpose} {self.created_at:%Y-%m-%d %H:%M}"


class LlmAnalysis(models.Model):
    """A model's reading of one job for one profile version; the cache key is
    (job content hash, profile version, model)."""

    class Status(models.TextChoices):
        OK = "ok", "Done"
        FAILED = "failed", "Failed"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="llm_analyses"
    )
    job = models.ForeignKey("boards.Job", on_delete=models.CASCADE, related_name="llm_analyses")
    content_hash = models.CharField(max_length=64)
    profile_version = models.PositiveIntegerField()
    provider = models.CharField(max_length=32)
    model = models.CharField(max_length=100)
    status = models.CharField(max_length=8, choices=Status.choices)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    call = models.ForeignKey(LlmCall, null=True, blank=True, on_delete=models.SET_NULL)
    automatic = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "LLM analysis"
        verbose_name_plural = "LLM analyses"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "content_hash", "profile_version", "model"],
                name="llm_analysis_cache_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.model} on job {self.job_id}: {self.status}"


class DocumentKind(models.TextChoices):
    COVER_LETTER = "cover_letter", "Cover letter"
    ANSWERS = "answers", "Answers to application questions"
    BULLETS = "bullets", "Resume bullet suggestions"


class Document(models.Model):
    """Text written for one application, editable; `unverified` lists the skills, names and
    numbers the verifier could not find in the resume or profile."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="documents"
    )
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    title = models.CharField(max_length=300)
    content = models.TextField()
    options = models.JSONField(default=dict, blank=True)  # tone, length, questions
    unverified = models.JSONField(default=list, blank=True)
    model = models.CharField(max_length=100, blank=True)
    call = models.ForeignKey(LlmCall, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
