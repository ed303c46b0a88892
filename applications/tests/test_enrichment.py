"""Enrichment of captured postings against pages served from 127.0.0.1."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from django_q.models import Schedule

from applications.intake.capture import capture
from applications.intake.tasks import enrich_application as enrich
from applications.models import Application, Event
from applications.services import update_application

# Enrichment is queued when the capture commits, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)

JOB_LD = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Staff Data Engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Initech"},
    "jobLocation": {
        "@type": "Place",
        "address": {"addressLocality": "Lisbon", "addressCountry": "PT"},
    },
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"minValue": 70000, "maxValue": 90000, "unitText": "YEAR"},
    },
    "description": "<p>Pipelines <img src=x onerror=alert(1)></p>",
    "employmentType": "FULL_TIME",
}


def page(ld=None, raw=None, title="Careers"):
    block = (
        raw
        if raw is not None
        else (f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else "")
    )
    return f"<html><head><title>{title}</title>{block}</head><body><h1>{title}</h1></body></html>"


@pytest.fixture
def enriching(settings):
    settings.ENRICHMENT_ENABLED = True


def test_capture_reads_json_ld_from_the_page(alice, http_server, enriching):
    http_server.route("/jobs/1", body=page(JOB_LD))
    result = capture(alice, http_server.url + "/jobs/1")
    app = Application.objects.get(pk=result.application.pk)
    assert (app.title, app.company, app.location) == (
        "Staff Data Engineer",
        "Initech",
        "Lisbon, PT",
    )
    assert app.salary == "EUR 70,000–90,000 per year"
    job = app.job
    assert (
        job.salary_min == 70000 and "onerror" not in job.description_html and job.description_text
    )
    assert Event.objects.filter(application=app, kind="posting_enriched").exists()


def test_json_ld_in_a_graph_and_broken_json_ld(alice, http_server, enriching):
    graph = {
        "@context": "https://schema.org",
        "@graph": [{"@type": "WebPage"}, {**JOB_LD, "title": "In A Graph"}],
    }
    http_server.route("/graph", body=page(graph))
    http_server.route(
        "/broken",
        body=page(
            raw='<script type="application/ld+json">{"@type": "JobPosting", "title": </script>',
            title="Fallback Title",
        ),
    )
    assert (
        capture(alice, http_server.url + "/graph").application.title == ""
    )  # returned before enrichment
    assert (
        Application.objects.get(
            url=http_server.url.replace("127.0.0.1", "127.0.0.1") + "/graph"
        ).title
        == "In A Graph"
    )
    capture(alice, http_server.url + "/broken")
    assert Application.objects.get(url=http_server.url + "/broken").title == "Fallback Title"


def test_a_page_without_job_details_falls_back_to_headings(alice, http_server, enriching):
    http_server.route("/plain", body=page(title="Senior Designer"))
    capture(alice, http_server.url + "/plain")
    assert Application.objects.get().title == "Senior Designer"


def test_html_sent_by_the_extension_is_used_for_login_walled_pages(alice, http_server, enriching):
    http_server.route("/walled", status=401, body="log in first")
    capture(alice, http_server.url + "/walled", html=page(JOB_LD))
    assert Application.objects.get().company == "Initech"
    assert [r["path"] for r in http_server.requests] == []  # no fetch was needed


def test_user_edited_fields_survive_enrichment(alice, http_server, enriching, settings):
    settings.ENRICHMENT_ENABLED = False
    app = capture(alice, http_server.url + "/jobs/1").application
    update_application(app, {"title": "My own title"})
    http_server.route("/jobs/1", body=page(JOB_LD))
    assert enrich(app.pk) == "done"
    app.refresh_from_db()
    assert app.title == "My own title" and app.company == "Initech"


def test_failures_are_retried_after_1_5_15_minutes_then_recorded(alice, http_server, settings):
    settings.ENRICHMENT_ENABLED = False
    http_server.route("/down", status=503, body="down")
    app = capture(alice, http_server.url + "/down").application
    waits = []
    for attempt in (1, 2, 3):
        before = timezone.now()
        assert enrich(app.pk, attempt) == "retry"
        scheduled = Schedule.objects.order_by("-pk").first()
        assert (
            scheduled.func == "applications.intake.tasks.enrich_application"
            and scheduled.schedule_type == "O"
        )
        waits.append(round((scheduled.next_run - before) / timedelta(minutes=1)))
    assert waits == [1, 5, 15]
    assert enrich(app.pk, 4) == "failed"
    event = Event.objects.get(application=app, kind="enrichment_failed")
    assert "503" in event.text
    assert Application.objects.filter(pk=app.pk).exists()


def test_a_redirect_to_a_private_address_is_refused(alice, http_server, settings):
    settings.ENRICHMENT_ENABLED = False
    http_server.route("/jump", status=302, headers={"Location": "http://0.0.0.0:9/"}, body="")
    app = capture(alice, http_server.url + "/jump").application
    assert enrich(app.pk, 4) == "failed"
    assert "private" in Event.objects.get(application=app, kind="enrichment_failed").text


def test_a_huge_page_is_refused_not_read(alice, http_server, settings):
    settings.ENRICHMENT_ENABLED = False
    settings.HTTP_MAX_BYTES = 100_000
    http_server.route("/huge", body="<html>" + "x" * 200_000 + "</html>")
    app = capture(alice, http_server.url + "/huge").application
    assert enrich(app.pk, 4) == "failed"
    assert "larger than" in Event.objects.get(application=app, kind="enrichment_failed").text


def test_a_deleted_application_is_skipped_quietly(alice):
    assert enrich(987654) == "gone"


SCHEMA_ORG = (
    Path(django_settings.BASE_DIR).parent
    / "shared"
    / "fixtures"
    / "ats"
    / "jsonld-schemaorg"
    / "schemaorg-jobposting_examples.derived.jsonl"
)


@pytest.mark.skipif(
    not SCHEMA_ORG.exists(), reason=f"shared schema.org examples absent at {SCHEMA_ORG}"
)
def test_schema_org_examples_enrich_captures(alice, http_server, enriching):
    rows = [json.loads(line) for line in SCHEMA_ORG.read_text().splitlines() if line.strip()]
    for index, row in enumerate(rows):
        http_server.route(f"/example/{index}", body=page(row["jsonld"]))
        app = capture(alice, f"{http_server.url}/example/{index}").application
        app.refresh_from_db()
        assert app.title, row["example_id"]
