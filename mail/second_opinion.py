"""A language model's label for emails the rules are unsure of.

Only for mailboxes whose owner turned it on, only below settings.EMAIL_MODEL_BELOW, and only
once per email: the answer is stored on the email, so `reclassify` never pays twice. The
rules' own label stays when the model cannot be asked (no provider, budget spent, errors);
the reason says so on the email.
"""

import logging
from dataclasses import replace
from typing import Literal

from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field

from analysis.llm import BudgetExceeded, LlmError, call_model, llm_enabled
from analysis.models import Purpose
from analysis.providers import Request, model_for
from analysis.schemas import strict_schema

from .classify import Classification, classify_email
from .mailtext import strip_quoted
from .models import Email, Label, Mailbox

logger = logging.getLogger(__name__)

MAX_PROMPT_TEXT = 4_000
MAX_MODEL_CONFIDENCE = 0.9  # a model's guess never counts as certain as a hard rule

SYSTEM = """You sort emails a job seeker received. Answer with JSON only.
Labels:
- received: the employer confirms an application arrived
- rejection: the employer declines the application
- interview: an invitation to interview or to schedule one
- assessment: a test, coding challenge or take-home task
- offer: a job offer
- action_required: they ask for information, documents or availability
- outreach: a recruiter contacts the person without an application
- withdrawn: confirms the person withdrew their application
- other: job alerts, newsletters, marketing, anything unrelated
Give the label, your confidence from 0 to 1, and one short sentence of reason quoting the
email's words. Judge only from the email; if unsure, say "other" with low confidence."""


class EmailLabelOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: Literal[tuple(Label.values)]  # type: ignore[valid-type]
    confidence: float = Field(ge=0, le=1, description="From 0 to 1.")
    reason: str = Field(max_length=300, description="One short sentence.")


def second_opinions(emails: list[Email], *, reclassify: bool = False) -> dict[int, Classification]:
    """{email id: classification} for the emails of opted-in mailboxes that need a label.

    Empty (and no query beyond one) when no mailbox in the batch opted in, so the common
    path stays rules-only and fast.
    """
    mailbox_ids = {e.mailbox_id for e in emails} - {None}
    if not mailbox_ids or not llm_enabled():
        return {}
    asking = set(
        Mailbox.objects.filter(pk__in=mailbox_ids, ask_model_when_unsure=True).values_list(
            "pk", flat=True
        )
    )
    if not asking:
        return {}
    answers: dict[int, Classification] = {}
    stopped = ""  # once the budget is spent, the rest of the batch is not asked
    for email in emails:
        needs_label = not email.labelled_by_user and (reclassify or email.processed_at is None)
        if email.mailbox_id not in asking or not needs_label:
            continue
        found = classify_email(email.subject, email.sender, email.text, list_headers=email.is_bulk)
        if found.confidence >= settings.EMAIL_MODEL_BELOW:
            answers[email.pk] = found
            continue
        said = [r for r in email.label_reasons or [] if r.startswith("language model: ")][:1]
        if not email.model_label and not stopped:
            try:
                said = [f"language model: {_ask(email)}"]
            except BudgetExceeded as exc:
                stopped = str(exc)
            except LlmError as exc:
                logger.info("email model label failed email=%s error=%s", email.pk, exc)
                answers[email.pk] = _with_reason(found, f"language model failed: {exc}")
                continue
        if email.model_label:
            answers[email.pk] = Classification(
                email.model_label,
                min(email.model_confidence or 0, MAX_MODEL_CONFIDENCE),
                (*said, f"rules alone: {found.label} at {found.confidence:.2f}"),
            )
        elif stopped:
            answers[email.pk] = _with_reason(found, f"language model not asked: {stopped}")
    return answers


def _ask(email: Email) -> str:
    """Asks, stores the label on the email, and returns the model's reason."""
    text = strip_quoted(email.text or "")[:MAX_PROMPT_TEXT]
    request = Request(
        model=model_for("scoring"),
        system=[SYSTEM],
        prompt=f"From: {email.sender}\nSubject: {email.subject}\n\n{text}",
        max_tokens=300,
        schema=strict_schema(EmailLabelOut),
        schema_name="email_label",
        temperature=0,
    )
    parsed, _call = call_model(email.owner, Purpose.EMAIL, request, EmailLabelOut)
    email.model_label, email.model_confidence = parsed.label, round(parsed.confidence, 3)
    Email.objects.filter(pk=email.pk).update(
        model_label=email.model_label, model_confidence=email.model_confidence
    )
    return parsed.reason[:300]


def _with_reason(found: Classification, reason: str) -> Classification:
    return replace(found, reasons=(*found.reasons, reason[:300]))
