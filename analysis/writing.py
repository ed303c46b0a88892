"""Documents written for one application: cover letters, answers, resume bullets.

The model sees only the resume and profile as facts; the verifier then lists every skill,
name and number in the result that they do not contain, for the person to check.
"""

import logging

from applications.models import Application, EventKind
from applications.services import record_event

from .llm import call_model
from .models import Document, DocumentKind, Profile, Purpose, Resume
from .prompts import LENGTHS, TONES, profile_block, system_prefix, writing_prompt
from .providers import Request, model_for
from .services import get_profile
from .verifier import unverified

logger = logging.getLogger(__name__)

PURPOSES = {
    DocumentKind.COVER_LETTER: Purpose.COVER_LETTER,
    DocumentKind.ANSWERS: Purpose.ANSWERS,
    DocumentKind.BULLETS: Purpose.BULLETS,
}
MAX_QUESTIONS = 10


def clean_options(kind: str, options: dict) -> dict:
    if kind == DocumentKind.COVER_LETTER:
        return {
            "tone": options.get("tone") if options.get("tone") in TONES else "professional",
            "length": options.get("length") if options.get("length") in LENGTHS else "medium",
        }
    if kind == DocumentKind.ANSWERS:
        questions = [q.strip()[:500] for q in options.get("questions", []) if q and q.strip()]
        if not questions:
            raise ValueError("Add at least one question to answer.")
        return {"questions": questions[:MAX_QUESTIONS]}
    return {}


def facts_for(profile: Profile, resume: Resume | None) -> str:
    return profile_block(profile, resume)


def allowed_for(application: Application, options: dict) -> str:
    job = application.job
    parts = [application.title, application.company]
    if job is not None:
        parts += [job.title, job.company, job.location]
    parts += options.get("questions", [])
    return "\n".join(p for p in parts if p)


def verify(document: Document) -> list[dict]:
    resume = Resume.objects.filter(owner=document.owner, is_active=True).first()
    facts = facts_for(get_profile(document.owner), resume)
    findings = unverified(
        document.content, facts, allowed_for(document.application, document.options)
    )
    return [f.as_dict() for f in findings]


def generate_document(user, application: Application, kind: str, options: dict) -> Document:
    """Ask the writing model for a document, save it on the application (with a
    document_generated event) and list its unverified claims. Raises LlmError/ValueError."""
    if kind not in DocumentKind.values:
        raise ValueError("Unknown kind of document.")
    options = clean_options(kind, options)
    profile = get_profile(user)
    resume = Resume.objects.filter(owner=user, is_active=True).first()
    if resume is None:
        raise ValueError("Upload a resume first: documents are written from its facts only.")
    job = application.job
    request = Request(
        model=model_for("writing"),
        system=system_prefix(profile, resume),
        prompt=writing_prompt(kind, application, job, options),
        max_tokens=2000,
        temperature=0.4,
    )
    text, call = call_model(user, PURPOSES[kind], request, None, profile)
    label = DocumentKind(kind).label
    document = Document(
        owner=user,
        application=application,
        kind=kind,
        title=f"{label} — {application}"[:300],
        content=text.strip(),
        options=options,
        model=call.model,
        call=call,
    )
    document.unverified = [
        f.as_dict()
        for f in unverified(
            document.content, facts_for(profile, resume), allowed_for(application, options)
        )
    ]
    document.save()
    record_event(
        application,
        EventKind.DOCUMENT_GENERATED,
        f"{label} written"
        + (f" ({len(document.unverified)} claims to check)" if document.unverified else ""),
        payload={"kind": kind, "model": call.model, "unverified": len(document.unverified)},
        document_id=document.pk,
    )
    return document


def update_document(document: Document, content: str, title: str | None = None) -> Document:
    """A person's edit; the check runs again on the new text."""
    document.content = content
    if title:
        document.title = title[:300]
    document.unverified = verify(document)
    document.save(update_fields=["content", "title", "unverified", "updated_at"])
    return document


def as_markdown(document: Document) -> str:
    return f"# {document.title}\n\n{document.content.strip()}\n"


def as_text(document: Document) -> str:
    return f"{document.title}\n\n{document.content.strip()}\n"
