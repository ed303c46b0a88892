"""The language model labels only what the rules are unsure of, only where the owner opted in,
once per email, and the rules' label stands whenever the model cannot answer."""

import pytest

from analysis.models import LlmCall
from mail.models import Email
from mail.processing import process_emails

from .factories import make_email, make_mailbox

pytestmark = pytest.mark.django_db

UNSURE = {
    "subject": "Following up",
    "sender": "Dana <dana@acme.io>",
    "sender_email": "dana@acme.io",
    "sender_name": "Dana",
    "text": "Hi, thanks for your time last week. We would like to talk again about next steps.",
}
SURE = {
    "subject": "Your application to Acme",
    "text": "Thank you for applying to Acme. We have received your application.",
}
INTERVIEW = {"label": "interview", "confidence": 0.8, "reason": "They ask to talk again."}


def test_an_unsure_email_of_an_opted_in_mailbox_gets_the_models_label(fake_anthropic, alice):
    fake_anthropic.answer_json(INTERVIEW)
    email = make_email(alice, mailbox=make_mailbox(alice, ask_model_when_unsure=True), **UNSURE)

    process_emails([email.pk])

    email.refresh_from_db()
    assert (email.label, email.model_label) == ("interview", "interview")
    assert email.label_reasons[0] == "language model: They ask to talk again."
    assert "rules alone: other" in email.label_reasons[1]
    call = LlmCall.objects.get(owner=alice)
    assert call.purpose == "email" and call.ok
    sent = fake_anthropic.requests[0]["body"]
    assert "Following up" in str(sent["messages"]) and sent["model"] == "claude-haiku-5-5"


def test_reclassifying_reuses_the_stored_answer_without_asking_again(fake_anthropic, alice):
    fake_anthropic.answer_json(INTERVIEW)
    email = make_email(alice, mailbox=make_mailbox(alice, ask_model_when_unsure=True), **UNSURE)
    process_emails([email.pk])

    process_emails([email.pk], reclassify=True)

    assert len(fake_anthropic.requests) == 1
    email.refresh_from_db()
    assert email.label == "interview"
    assert email.label_reasons[0] == "language model: They ask to talk again."


def test_mailboxes_that_did_not_opt_in_never_ask(fake_anthropic, alice):
    email = make_email(alice, mailbox=make_mailbox(alice), **UNSURE)

    process_emails([email.pk])

    assert fake_anthropic.requests == []
    assert Email.objects.get(pk=email.pk).label == "other"


def test_confident_rules_never_ask(fake_anthropic, alice):
    email = make_email(alice, mailbox=make_mailbox(alice, ask_model_when_unsure=True), **SURE)

    process_emails([email.pk])

    assert fake_anthropic.requests == []
    assert Email.objects.get(pk=email.pk).label == "received"


def test_a_spent_budget_keeps_the_rules_label_and_says_why(fake_anthropic, alice, settings):
    settings.LLM_MONTHLY_TOKEN_BUDGET = 100
    LlmCall.objects.create(owner=alice, provider="anthropic", model="m", purpose="email",
                           input_tokens=500)  # fmt: skip
    mailbox = make_mailbox(alice, ask_model_when_unsure=True)
    emails = [make_email(alice, mailbox=mailbox, **UNSURE) for _ in range(3)]

    result = process_emails([e.pk for e in emails])

    assert fake_anthropic.requests == [] and result.processed == 3
    for email in Email.objects.filter(pk__in=[e.pk for e in emails]):
        assert email.label == "other" and not email.model_label
        assert "language model not asked" in email.label_reasons[-1]


def test_an_invalid_answer_twice_keeps_the_rules_label_visibly(fake_anthropic, alice):
    fake_anthropic.answer_text("I think it is an interview.")
    email = make_email(alice, mailbox=make_mailbox(alice, ask_model_when_unsure=True), **UNSURE)

    process_emails([email.pk])

    email.refresh_from_db()
    assert email.label == "other" and email.processed_at is not None
    assert "not valid JSON" in email.label_reasons[-1]
    assert LlmCall.objects.filter(owner=alice, ok=False).count() == 2


def test_without_a_configured_model_nothing_is_asked(alice, settings):
    settings.LLM_PROVIDER = "none"
    email = make_email(alice, mailbox=make_mailbox(alice, ask_model_when_unsure=True), **UNSURE)

    process_emails([email.pk])

    assert not LlmCall.objects.exists()
    assert Email.objects.get(pk=email.pk).label == "other"
