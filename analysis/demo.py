"""The demo account's profile, resume, fit scores and one example document (see
applications.demo, which sends `demo_built` once its applications exist). No model is called:
the scores come from the fast scorer, and the document is a hand-written example."""

from django.dispatch import receiver

from applications.models import Application, EventKind, Status
from applications.services import record_event
from applications.signals import demo_built

from .models import (
    Document,
    DocumentKind,
    LlmAnalysis,
    LlmCall,
    Profile,
    RemotePreference,
    RescoreRun,
    Resume,
    Seniority,
)
from .services import score_jobs
from .skills import canonical_skills
from .verifier import unverified

SKILLS = [
    "Python", "Django", "PostgreSQL", "REST APIs", "Docker", "Kubernetes", "Terraform", "AWS",
    "Celery", "Redis", "pytest", "Linux", "Git", "FastAPI", "Prometheus", "Backend Development",
    "Caching", "English", "German",
]  # fmt: skip
RESUME = """Robin Demo
Senior backend engineer · Berlin · robin@demo.invalid

Summary
Backend engineer with 7 years of experience building Python and Django services on
PostgreSQL, and running them on Kubernetes in AWS. I like boring, well-tested systems and
teams that write things down.

Experience
Backend Engineer, Lindenhof Logistics (invented), Berlin — 2021 to now
- Led the move of the order API from a Django monolith to three services on Kubernetes.
- Cut the p95 latency of the pricing endpoint from 900 ms to 120 ms (PostgreSQL indexes,
  Redis caching).
- Built the Celery job system that sends 2 million notifications a month.
- Mentored three junior engineers; ran the backend interview loop.

Software Engineer, Pellworm Digital (invented), Hamburg — 2018 to 2021
- Built REST APIs in Django and FastAPI for a booking product.
- Introduced pytest and CI with Docker; test coverage went from 20% to 85%.
- Wrote Terraform for the AWS accounts and Prometheus alerting.

Skills
Python, Django, FastAPI, PostgreSQL, Redis, Celery, Docker, Kubernetes, Terraform, AWS,
Prometheus, Linux, Git, pytest, REST APIs

Education
BSc Computer Science, Universität Potsdam (invented), 2018

Languages
English (fluent), German (fluent), Spanish (basic)
"""
LETTER = """Dear {company} team,

I would like to apply for the {title} role. For the last three years at Lindenhof Logistics
I have built and run Python and Django services on PostgreSQL, most recently leading the move
of our order API to three services on Kubernetes.

What draws me to {company} is the care you describe in how you hire and how you work. I cut
the p95 latency of our pricing endpoint from 900 ms to 120 ms, and I enjoy that kind of
patient work as much as building something new.

I would be glad to talk about how I could help your team.

Kind regards,
Robin Demo
"""
LETTER_LABEL = "Example cover letter (written for the demo, not by a language model)"


def _clear(owner_id: int) -> None:
    Resume.objects.filter(owner_id=owner_id).delete()
    RescoreRun.objects.filter(owner_id=owner_id).delete()
    LlmAnalysis.objects.filter(owner_id=owner_id).delete()
    LlmCall.objects.filter(owner_id=owner_id).delete()
    Document.objects.filter(owner_id=owner_id).delete()


def _profile(owner_id: int) -> Profile:
    values = {
        "headline": "Senior backend engineer (Python, Django, PostgreSQL)",
        "skills": canonical_skills(SKILLS),
        "target_titles": ["Backend Engineer", "Platform Engineer", "Python Developer"],
        "seniority": Seniority.SENIOR,
        "years_experience": 7,
        "locations": ["Berlin", "Remote"],
        "remote_preference": RemotePreference.HYBRID,
        "min_salary": 70000,
        "salary_currency": "EUR",
        "must_have_keywords": [],
        "avoid_keywords": ["crypto", "gambling"],
        "skill_df": {},
        "df_jobs": 0,
    }
    profile, created = Profile.objects.get_or_create(owner_id=owner_id, defaults=values)
    if not created:
        # A new version: anything computed for the old profile is out of date.
        for name, value in values.items():
            setattr(profile, name, value)
        profile.version += 1
        profile.save()
    return profile


def _document(owner_id: int) -> Document | None:
    app = (
        Application.objects.filter(owner_id=owner_id, status=Status.INTERVIEWING)
        .order_by("created_at", "pk")
        .first()
    )
    if app is None:
        return None
    content = LETTER.format(company=app.company, title=app.title)
    facts = f"{RESUME}\n{' '.join(SKILLS)}"
    document = Document.objects.create(
        owner_id=owner_id,
        application=app,
        kind=DocumentKind.COVER_LETTER,
        title=LETTER_LABEL,
        content=content,
        options={"demo": True},
        unverified=[f.as_dict() for f in unverified(content, facts, f"{app.company} {app.title}")],
        model="Demo example, no model used",
    )
    record_event(
        app,
        EventKind.DOCUMENT_GENERATED,
        LETTER_LABEL,
        document_id=document.pk,
        payload={"kind": DocumentKind.COVER_LETTER, "demo": True},
    )
    return document


@receiver(demo_built, dispatch_uid="analysis.demo_profile")
def add_demo_profile(sender, owner_id: int, **kwargs) -> str:
    """A filled-in profile and an active resume, every job scored, one example letter."""
    _clear(owner_id)
    profile = _profile(owner_id)
    Resume.objects.create(
        owner_id=owner_id,
        name="Robin Demo — backend CV",
        filename="robin-demo-cv.txt",
        content_type="text",
        size=len(RESUME.encode()),
        text=RESUME,
        is_active=True,
    )
    scored = score_jobs(owner_id)
    RescoreRun.objects.create(
        owner_id=owner_id,
        profile_version=profile.version,
        status=RescoreRun.Status.DONE,
        total=scored,
        done=scored,
        started_at=kwargs.get("now"),
        finished_at=kwargs.get("now"),
    )
    document = _document(owner_id)
    return (
        f"profile, resume and fit scores for {scored} jobs"
        + (", one example cover letter" if document else "")
        + " (analysis)"
    )
