"""Writes for analysis: the profile, resumes, and fast scores (LLM calls live in llm.py,
generated documents in writing.py)."""

import logging
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_q.tasks import async_task

from boards.models import CompanyRule, Job
from boards.services import add_company_rule, delete_company_rule

from .extraction import extract_text
from .feature_store import features_in
from .models import Profile, RescoreRun, Resume, Score
from .scoring import ProfileSpec, Rarity, score_features
from .skills import canonical_skills, skills_in

logger = logging.getLogger(__name__)

# Profile fields that can move a score: changing any starts a rescore.
SCORING_FIELDS = (
    "skills",
    "target_titles",
    "seniority",
    "years_experience",
    "locations",
    "remote_preference",
    "min_salary",
    "salary_currency",
    "must_have_keywords",
    "avoid_keywords",
)
# --- Profile and resumes -----------------------------------------------------------------------


def get_profile(user) -> Profile:
    profile, _ = Profile.objects.get_or_create(owner=user)
    return profile


def _clean_list(values: Iterable[str], limit: int = 50) -> list[str]:
    seen, out = set(), []
    for value in values or ():
        value = " ".join(str(value).split())[:100]
        if value and value.lower() not in seen:
            seen.add(value.lower())
            out.append(value)
    return out[:limit]


def update_profile(profile: Profile, values: dict) -> bool:
    """Save a person's edit. Returns True when something that moves scores changed (the
    version goes up and every job is rescored in the background)."""
    values = dict(values)
    if "skills" in values:
        values["skills"] = canonical_skills(_clean_list(values["skills"], 200))
    for name in ("target_titles", "locations", "must_have_keywords", "avoid_keywords"):
        if name in values:
            values[name] = _clean_list(values[name])
    if "salary_currency" in values:
        values["salary_currency"] = (values["salary_currency"] or "").upper()[:3]
    changed = [name for name, value in values.items() if getattr(profile, name) != value]
    for name in changed:
        setattr(profile, name, values[name])
    if not changed:
        return False
    scoring = any(name in SCORING_FIELDS for name in changed)
    with transaction.atomic():
        # Only the edited fields: a full save would write back the version as read, undoing
        # a bump made meanwhile (versions must only go up).
        profile.save(update_fields=[*changed, "updated_at"])
        if scoring:
            bump_version(profile)
    return scoring


def bump_version(profile: Profile) -> RescoreRun | None:
    """A new profile version: scores and model analyses of the old one are out of date, so
    every job is rescored for it (when the profile is scorable)."""
    with transaction.atomic():
        Profile.objects.filter(pk=profile.pk).update(version=F("version") + 1)
        profile.refresh_from_db(fields=["version"])
        return start_rescore(profile)


def accept_skills(profile: Profile, skills: Iterable[str]) -> list[str]:
    """Add proposed skills to the profile; returns those that were new."""
    have = {s.lower() for s in profile.skills}
    new = [s for s in canonical_skills(skills) if s.lower() not in have]
    if new:
        update_profile(profile, {"skills": [*profile.skills, *new]})
    return new


def add_resume(user, filename: str, data: bytes, name: str = "") -> Resume:
    """Store an uploaded resume's text; the first one becomes active. Raises
    ExtractionError (with a reason for the person) for unreadable files."""
    kind, text = extract_text(filename, data)
    with transaction.atomic():
        first = not Resume.objects.filter(owner=user).exists()
        resume = Resume.objects.create(
            owner=user,
            name=(name or filename or "Resume")[:200],
            filename=(filename or "")[:255],
            content_type=kind,
            size=len(data),
            text=text,
            is_active=first,
        )
        if first:
            # The model reads the active resume: a new version, and its rescore.
            bump_version(get_profile(user))
    return resume


def activate_resume(resume: Resume) -> None:
    with transaction.atomic():
        Resume.objects.filter(owner_id=resume.owner_id, is_active=True).update(is_active=False)
        Resume.objects.filter(pk=resume.pk).update(is_active=True)
        # The model reads the active resume: its analyses of the old one are out of date.
        bump_version(get_profile(resume.owner))
    resume.is_active = True


def delete_resume(resume: Resume) -> None:
    was_active = resume.is_active
    owner = resume.owner
    resume.delete()
    if was_active:
        newest = Resume.objects.filter(owner=owner).order_by("-uploaded_at").first()
        if newest:
            activate_resume(newest)


def proposed_skills(profile: Profile, resume: Resume | None) -> list[str]:
    """Vocabulary skills found in the resume that the profile does not list yet."""
    if resume is None:
        return []
    have = {s.lower() for s in profile.skills}
    return sorted(s for s in skills_in(resume.text) if s.lower() not in have)


def block_company(profile: Profile, company: str) -> CompanyRule:
    with transaction.atomic():
        rule = add_company_rule(profile.owner, company, CompanyRule.Kind.BLOCK)
        bump_version(profile)
    return rule


def unblock_company(profile: Profile, rule_id: int) -> bool:
    with transaction.atomic():
        deleted = delete_company_rule(profile.owner, rule_id)
        if deleted:
            bump_version(profile)
    return deleted


# --- Fast scores --------------------------------------------------------------------------------


def is_scorable(profile: Profile | None) -> bool:
    """A profile with no skills and no target titles would score every job as noise."""
    return bool(profile and (profile.skills or profile.target_titles))


def profile_spec(profile: Profile) -> ProfileSpec:
    blocked = CompanyRule.objects.filter(
        owner_id=profile.owner_id, kind=CompanyRule.Kind.BLOCK
    ).values_list("company", flat=True)
    return ProfileSpec.build(
        skills=profile.skills,
        target_titles=profile.target_titles,
        seniority=profile.seniority,
        years=profile.years_experience,
        locations=profile.locations,
        remote_preference=profile.remote_preference,
        min_salary=profile.min_salary,
        salary_currency=profile.salary_currency,
        must_have=profile.must_have_keywords,
        avoid=profile.avoid_keywords,
        blocked_companies=list(blocked),
    )


def refresh_rarity(profile: Profile, spec: ProfileSpec) -> Rarity:
    """Count, over all the user's jobs, how many ask for each skill (rarity weights). Reads
    (and stores) the features of every job whose stored ones are stale."""
    counts: Counter = Counter()
    jobs = 0
    for chunk in features_in(profile.owner_id, spec):
        for _, features in chunk:
            counts.update(features.skills)
        jobs += len(chunk)
    Profile.objects.filter(pk=profile.pk).update(skill_df=dict(counts), df_jobs=jobs)
    profile.skill_df, profile.df_jobs = dict(counts), jobs
    return Rarity(dict(counts), jobs)


def _rarity_for(profile: Profile, spec: ProfileSpec) -> Rarity:
    """The stored counts, refreshed when the user's jobs have grown by a fifth since."""
    total = Job.objects.filter(owner_id=profile.owner_id).count()
    if not profile.df_jobs or total > profile.df_jobs * 1.2 + 10:
        return refresh_rarity(profile, spec)
    return Rarity(profile.skill_df, profile.df_jobs)


def _score_row(job_id: int, owner_id: int, version: int, result) -> Score:
    return Score(
        job_id=job_id,
        owner_id=owner_id,
        profile_version=version,
        total=result.total,
        band=result.band,
        breakdown=result.breakdown,
        matched_skills=result.matched_skills,
        missing_skills=result.missing_skills,
        flags=result.flags,
        reasons=result.reasons,
        computed_at=timezone.now(),
    )


def _write_scores(rows: list[Score]) -> None:
    Score.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["job"],
        update_fields=[
            "owner",
            "profile_version",
            "total",
            "band",
            "breakdown",
            "matched_skills",
            "missing_skills",
            "flags",
            "reasons",
            "computed_at",
        ],
    )


def score_jobs(user_id: int, job_ids: Iterable[int] | None = None, *, progress=None) -> int:
    """Score the user's jobs (all of them when job_ids is None) for the current profile.
    Returns how many were scored; 0 when the profile is not filled in enough to score."""
    profile = Profile.objects.filter(owner_id=user_id).first()
    if not is_scorable(profile):
        return 0
    spec = profile_spec(profile)
    rarity = refresh_rarity(profile, spec) if job_ids is None else _rarity_for(profile, spec)
    ids = None if job_ids is None else sorted(set(job_ids))
    done = 0
    for chunk in features_in(user_id, spec, ids):
        scores = [
            _score_row(pk, user_id, profile.version, score_features(spec, features, rarity))
            for pk, features in chunk
        ]
        _write_scores(scores)
        done += len(scores)
        if progress:
            progress(done)
    return done


def start_rescore(profile: Profile) -> RescoreRun | None:
    """Queue a rescore of every job for the profile's current version. The task is sent
    when the surrounding transaction commits: a worker must find the run and the version."""
    if not is_scorable(profile):
        return None
    run = RescoreRun.objects.create(
        owner_id=profile.owner_id,
        profile_version=profile.version,
        total=Job.objects.filter(owner_id=profile.owner_id).count(),
    )
    transaction.on_commit(lambda: _enqueue_rescore(run.pk))
    return run


def ensure_rescore(profile: Profile) -> RescoreRun | None:
    """The rescore for the profile's current version: the one queued, running or done for
    it, else a new one. None when the profile is not scorable."""
    if not is_scorable(profile):
        return None
    current = (
        RescoreRun.objects.filter(
            owner_id=profile.owner_id,
            profile_version=profile.version,
            status__in=[
                RescoreRun.Status.QUEUED,
                RescoreRun.Status.RUNNING,
                RescoreRun.Status.DONE,
            ],
        )
        .order_by("-created_at")
        .first()
    )
    return current or start_rescore(profile)


def _enqueue_rescore(run_id: int) -> None:
    try:
        async_task("analysis.tasks.rescore_task", run_id, task_name=f"rescore run {run_id}")
    except Exception as exc:  # the run row shows it; the profile edit itself is saved
        logger.exception("rescore not queued run=%s", run_id)
        RescoreRun.objects.filter(pk=run_id, status=RescoreRun.Status.QUEUED).update(
            status=RescoreRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )


def run_rescore(run_id: int) -> RescoreRun | None:
    """Do a queued rescore, keeping its progress on the row. Claimed by a conditional
    UPDATE, so two workers never run one. A run for an old version is skipped, after making
    sure the current version has a run of its own (so no version is left unscored)."""
    claimed = RescoreRun.objects.filter(pk=run_id, status=RescoreRun.Status.QUEUED).update(
        status=RescoreRun.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    run = RescoreRun.objects.get(pk=run_id)
    profile = Profile.objects.filter(owner_id=run.owner_id).first()
    if profile is None or profile.version != run.profile_version:
        RescoreRun.objects.filter(pk=run_id).update(
            status=RescoreRun.Status.DONE,
            error="superseded by a newer profile version",
            finished_at=timezone.now(),
        )
        if profile is not None:
            ensure_rescore(profile)
        run.refresh_from_db()
        return run

    def progress(done: int) -> None:
        RescoreRun.objects.filter(pk=run_id).update(done=done)

    try:
        done = score_jobs(run.owner_id, None, progress=progress)
    except Exception as exc:
        logger.exception("rescore failed run=%s", run_id)
        RescoreRun.objects.filter(pk=run_id).update(
            status=RescoreRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    RescoreRun.objects.filter(pk=run_id).update(
        status=RescoreRun.Status.DONE,
        done=done,
        total=max(done, run.total),
        finished_at=timezone.now(),
    )
    run.refresh_from_db()
    return run


def top_jobs(user_id: int, job_ids: Iterable[int], k: int) -> list[int]:
    """The k best-scoring of these jobs (for automatic model analysis)."""
    if k <= 0:
        return []
    return list(
        Score.objects.filter(owner_id=user_id, job_id__in=list(job_ids))
        .order_by("-total", "job_id")
        .values_list("job_id", flat=True)[:k]
    )


def auto_analyze_k() -> int:
    return max(0, getattr(settings, "LLM_AUTO_ANALYZE_TOP_K", 0))
