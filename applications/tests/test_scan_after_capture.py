"""A posting captured (and read from its JSON-LD) and then listed by a thinner source keeps
everything the capture read; a richer source's change shows on the application's timeline.
All through real HTTP to a server on 127.0.0.1."""

import json
from decimal import Decimal

import pytest

from analysis.models import Score
from analysis.tests.factories import make_profile
from applications.intake.capture import capture
from applications.models import Application, Event, EventKind
from applications.services import update_application
from boards.models import Board, Job, SourceKind
from boards.scanning import scan

pytestmark = pytest.mark.django_db(transaction=True)

POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Robotics Software Engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Acme Robotics"},
    "jobLocationType": "TELECOMMUTE",
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"minValue": 80000, "maxValue": 110000, "unitText": "YEAR"},
    },
    "description": "<p>Motion planning in Python and C++ for warehouse robots.</p>",
}


def posting_page(ld: dict) -> str:
    return (
        '<html><head><script type="application/ld+json">'
        f"{json.dumps(ld)}</script></head><body><h1>{ld['title']}</h1></body></html>"
    )


def listing(*links: tuple[str, str]) -> str:
    items = "".join(f'<li class="job"><a href="{href}">{title}</a></li>' for href, title in links)
    return f"<html><body><ul>{items}</ul></body></html>"


@pytest.fixture
def captured(alice, http_server, settings):
    settings.ENRICHMENT_ENABLED = True
    make_profile(alice, skills=["Python", "C++", "Motion Planning"], target_titles=["Robotics"])
    http_server.route("/jobs/42", body=posting_page(POSTING))
    result = capture(alice, http_server.url + "/jobs/42", title="Job 42 | Careers")
    job = Job.objects.get(pk=result.job.pk)
    assert job.company == "Acme Robotics" and job.salary_min == Decimal("80000")
    return result.application, job


def css_board(alice, http_server, name="Acme careers") -> Board:
    http_server.route("/careers", body=listing(("/jobs/42", "Robotics SW Eng")))
    return Board.objects.create(
        owner=alice, name=name, kind=SourceKind.HTML, url=http_server.url + "/careers",
        config={"item": "li.job", "link": "a"},
    )  # fmt: skip


def test_a_css_listing_scan_keeps_every_field_a_capture_read(alice, http_server, captured):
    app, before = captured
    reasons_before = Score.objects.get(job=before).reasons
    run = scan(css_board(alice, http_server)).run
    assert run.status == "ok" and run.found == 1
    job = Job.objects.get(pk=before.pk)
    assert job.description_text == before.description_text != ""
    assert (job.salary_min, job.salary_max, job.salary_currency) == (
        Decimal("80000"), Decimal("110000"), "EUR",
    )  # fmt: skip
    assert job.remote == "remote"
    assert job.company == "Acme Robotics"  # not the board's name
    assert job.title == "Robotics Software Engineer"
    assert Application.objects.get(pk=app.pk).company == "Acme Robotics"
    assert Score.objects.get(job=job).reasons == reasons_before
    assert Job.objects.filter(owner=alice).count() == 1


def test_a_richer_source_changing_the_salary_is_on_the_timeline(alice, http_server, captured):
    app, job = captured
    board = Board.objects.create(owner=alice, name="Acme LD", kind=SourceKind.JSONLD,
                                 url=http_server.url + "/jobs/42")  # fmt: skip
    raised = {**POSTING, "baseSalary": {**POSTING["baseSalary"], "value": {
        "minValue": 95000, "maxValue": 120000, "unitText": "YEAR"}}}  # fmt: skip
    http_server.route("/jobs/42", body=posting_page(raised))
    scan(board)
    job.refresh_from_db()
    assert (job.salary_min, job.salary_max) == (Decimal("95000"), Decimal("120000"))
    event = Event.objects.get(application=app, kind=EventKind.POSTING_CHANGED)
    assert "EUR 80,000–110,000 → EUR 95,000–120,000" in event.text
    assert event.payload["changes"][0]["origin"] == "jsonld"


def test_a_persons_edit_of_the_application_survives_scans_and_enrichment(
    alice, http_server, captured
):
    app, _job = captured
    update_application(app, {"title": "Robotics SWE (my words)"})
    scan(css_board(alice, http_server))
    assert Application.objects.get(pk=app.pk).title == "Robotics SWE (my words)"
