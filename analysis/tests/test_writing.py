"""Documents written for an application: saved, announced on the timeline, checked against
the resume, editable and downloadable."""

import pytest

from analysis.llm import LlmError
from analysis.models import Document, LlmCall
from analysis.writing import generate_document, update_document
from applications.models import Event
from applications.tests.factories import make_application

from .factories import make_job, make_profile, make_resume

pytestmark = pytest.mark.django_db

HONEST = (
    "Dear Hiring Manager,\n\nAt Northwind Traders I built Python and Django services on "
    "PostgreSQL for 2 million users.\n\nKind regards,\nJane Doe"
)
INVENTED = (
    "Dear Hiring Manager,\n\nAt Google I built Kafka pipelines for 50 million users."
    "\n\nKind regards,\nJane Doe"
)


@pytest.fixture
def application(alice):
    make_profile(alice)
    make_resume(alice)
    job = make_job(
        alice, title="Staff Engineer", company="Acme Robotics", description_text="Python, Kafka"
    )
    return make_application(alice, job=job, title="Staff Engineer", company="Acme Robotics")


def test_a_cover_letter_is_saved_with_an_event_and_no_flags_when_honest(
    fake_anthropic, alice, application
):
    fake_anthropic.answer_text(HONEST)
    document = generate_document(
        alice, application, "cover_letter", {"tone": "concise", "length": "short"}
    )
    assert document.content == HONEST and document.unverified == []
    assert document.options == {"tone": "concise", "length": "short"}
    body = fake_anthropic.requests[0]["body"]
    assert body["model"] == "claude-sonnet-5-5"  # the writing model
    assert body["system"][-1]["cache_control"] == {"type": "ephemeral"}
    prompt = body["messages"][0]["content"]
    assert "direct and concise" in prompt and "about 150 words" in prompt
    assert "Use only" in prompt and "Acme Robotics" in prompt
    event = Event.objects.get(application=application, kind="document_generated")
    assert event.document_id == document.pk
    assert LlmCall.objects.get().purpose == "cover_letter"


def test_invented_facts_are_listed_for_the_person_to_fix(fake_anthropic, alice, application):
    fake_anthropic.answer_text(INVENTED)
    document = generate_document(alice, application, "cover_letter", {})
    flagged = {item["text"] for item in document.unverified}
    assert {"Google", "Kafka", "50"} <= flagged
    assert "claims to check" in Event.objects.get(kind="document_generated").text
    update_document(document, HONEST)
    assert Document.objects.get(pk=document.pk).unverified == []


def test_answers_need_questions_and_each_is_asked(fake_anthropic, alice, application):
    with pytest.raises(ValueError, match="at least one question"):
        generate_document(alice, application, "answers", {"questions": ["  "]})
    fake_anthropic.answer_text("### Why us?\nI built Python services at Northwind Traders.")
    document = generate_document(
        alice, application, "answers", {"questions": ["Why us?", "Your biggest project?"]}
    )
    prompt = fake_anthropic.requests[0]["body"]["messages"][0]["content"]
    assert "1. Why us?" in prompt and "2. Your biggest project?" in prompt
    assert document.kind == "answers" and document.unverified == []


def test_bullets_and_no_resume(fake_anthropic, alice, application):
    fake_anthropic.answer_text("- Built Python services (Built Python and Django services)")
    assert generate_document(alice, application, "bullets", {}).kind == "bullets"
    alice.resumes.all().delete()
    with pytest.raises(ValueError, match="Upload a resume first"):
        generate_document(alice, application, "bullets", {})


def test_writing_fails_visibly_without_a_model(alice, application, settings):
    settings.LLM_PROVIDER = "none"
    with pytest.raises(LlmError, match="No language model"):
        generate_document(alice, application, "cover_letter", {})
    assert not Document.objects.exists()
