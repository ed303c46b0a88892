"""The import pages: upload, preview with its mappings, import, summary; who may see them."""

import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.csv_io import jobs
from applications.models import Application, Status

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
HTMX = {"HTTP_HX_REQUEST": "true"}


def _upload(client, name="huntr_export.csv", raw=None):
    raw = raw if raw is not None else (DATA / name).read_bytes()
    return client.post("/applications/import/", {"file": SimpleUploadedFile(name, raw)})


def _form(page) -> dict:
    """The fields the preview page renders, with their current values."""
    data = {f"col-{c['index']}": c["field"] for c in page.context["columns"]}
    for value in page.context.get("status_values", []):
        data[f"value-{value['id']}"] = value["chosen"]
    if page.context["date_order"].numeric:
        data["date_order"] = page.context["choices"].date_order
    return data


def _value_field(raw: str) -> str:
    key = " ".join(raw.lower().split())
    return "value-" + hashlib.sha1(key.encode()).hexdigest()[:12]


@pytest.mark.parametrize("path", ["/applications/import/", "/applications/import/abc/",
                                  "/applications/export.csv"])  # fmt: skip
def test_the_import_pages_ask_an_anonymous_visitor_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_another_users_preview_token_is_a_404_and_imports_nothing(alice_client, bob_client):
    preview = _upload(alice_client)["Location"]
    assert bob_client.get(preview).status_code == 404
    assert bob_client.post(preview, {"action": "import"}).status_code == 404
    assert not Application.objects.exists()
    assert alice_client.get(preview).status_code == 200


def test_an_expired_upload_says_so_with_a_404(alice_client):
    response = alice_client.get("/applications/import/not-a-token/")
    assert response.status_code == 404
    assert "Choose the file again" in response.content.decode()


def test_the_preview_shows_the_recognised_preset_statuses_and_dates(alice_client):
    page = alice_client.get(_upload(alice_client)["Location"])
    text = page.content.decode()
    assert "Huntr export recognised" in text
    assert [(v["raw"], v["chosen"]) for v in page.context["status_values"]] == [
        ("Applied", Status.APPLIED), ("Interview", Status.INTERVIEWING),
        ("Wishlist", Status.SAVED), ("Rejected", Status.REJECTED), ("Offer", Status.OFFER),
    ]  # fmt: skip
    first = page.context["preview"][0]
    assert (first["dates"][0]["raw"], first["dates"][0]["shown"]) == (
        "2026-09-02 14:03:11",
        "2 Sep 2026, 14:03",
    )
    assert (page.context["ready_count"], page.context["skipped_count"]) == (5, 2)
    assert "Skip: the same posting as row 2" in text
    assert not Application.objects.exists()  # a preview writes nothing


def test_changing_a_status_mapping_redraws_the_preview(alice_client):
    preview = _upload(alice_client)["Location"]
    data = _form(alice_client.get(preview))
    data[_value_field("Interview")] = Status.SCREENING
    fragment = alice_client.post(preview, data, **HTMX)
    assert fragment.templates[0].name == "applications/_csv_plan.html"
    northwind = next(r for r in fragment.context["preview"] if r["company"] == "Northwind Traders")
    assert northwind["status"]["shown"] == "Screening"
    assert not Application.objects.exists()


def test_import_then_summary_with_counts_and_a_link(alice_client, alice):
    preview = _upload(alice_client)["Location"]
    data = _form(alice_client.get(preview))
    data[_value_field("Interview")] = Status.SCREENING
    response = alice_client.post(preview, {**data, "action": "import"})
    assert response["Location"] == preview
    summary = alice_client.get(preview)
    text = summary.content.decode()
    assert summary.context["summary"]["created"] == 5
    assert "Import finished" in text and "/applications/?source=import" in text
    assert "Row 7: the same posting as row 2" in text
    assert Application.objects.get(owner=alice, company="Northwind Traders").status == (
        Status.SCREENING
    )
    # Pressing Import again (a second tab, a double click) imports nothing more.
    alice_client.post(preview, {**data, "action": "import"})
    assert Application.objects.filter(owner=alice).count() == 5


def test_the_date_order_radio_is_offered_when_the_file_does_not_show_it(alice_client):
    raw = b"Company,Date Applied\nAcme,03/04/2026\n"
    preview = _upload(alice_client, "a.csv", raw)["Location"]
    page = alice_client.get(preview)
    assert page.context["date_order"].ambiguous
    assert page.context["preview"][0]["dates"][0]["shown"] == "4 Mar 2026"
    fragment = alice_client.post(preview, {**_form(page), "date_order": "dmy"}, **HTMX)
    assert fragment.context["preview"][0]["dates"][0]["shown"] == "3 Apr 2026"


def test_a_mapping_without_a_name_column_explains_and_imports_nothing(alice_client):
    preview = _upload(alice_client, "a.csv", b"Company,Status\nAcme,Applied\n")["Location"]
    response = alice_client.post(preview, {"col-0": "", "col-1": "status", "action": "import"})
    assert "Map at least one column" in response.content.decode()
    assert not Application.objects.exists()


def test_an_upload_over_the_cap_is_refused_before_it_is_stored(alice_client, monkeypatch):
    monkeypatch.setattr("applications.csv_io.MAX_BYTES", 1000)
    response = _upload(alice_client, "big.csv", b"Company\n" + b"Acme\n" * 1000)
    assert response.status_code == 400
    assert "larger than" in response.content.decode()


@pytest.mark.parametrize(
    ("raw", "message"),
    [(b"", "Choose a CSV file"), (b"PK\x03\x04zip", "Excel workbook")],
)
def test_a_file_that_is_not_a_csv_stays_on_the_upload_page_with_why(alice_client, raw, message):
    if raw:
        response = _upload(alice_client, "book.xlsx", raw)
    else:
        response = alice_client.post("/applications/import/", {})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_large_file_is_imported_by_a_worker_and_the_page_follows_it(
    alice_client, alice, monkeypatch
):
    monkeypatch.setattr(jobs, "INLINE_ROWS", 2)
    queued = []
    monkeypatch.setattr(jobs, "async_task", lambda *args, **kw: queued.append(args))
    preview = _upload(alice_client, "teal_export.csv")["Location"]
    alice_client.post(preview, {**_form(alice_client.get(preview)), "action": "import"})
    waiting = alice_client.get(preview, **HTMX)
    assert waiting.templates[0].name == "applications/_csv_summary.html"
    assert 'hx-trigger="every 2s"' in waiting.content.decode()
    assert not Application.objects.exists()
    task, *args = queued[0]
    assert task == jobs.IMPORT_TASK
    assert jobs.run_import(*args) == "done"
    assert jobs.run_import(*args) == "skipped"  # a retried task finds it done
    done = alice_client.get(preview)
    assert done.context["summary"]["created"] == 6
    assert "every 2s" not in done.content.decode()


def test_the_applications_list_links_to_the_import(alice_client):
    assert 'href="/applications/import/"' in alice_client.get("/applications/").content.decode()


def test_the_upload_still_checks_the_csrf_token(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/applications/import/", {"file": SimpleUploadedFile("a.csv", b"x")})
    assert response.status_code == 403


def test_a_second_upload_of_the_same_file_says_already_tracked_before_importing(
    alice_client, alice, bob_client
):
    preview = _upload(alice_client)["Location"]
    alice_client.post(preview, {**_form(alice_client.get(preview)), "action": "import"})
    again = alice_client.get(_upload(alice_client)["Location"])
    assert (again.context["ready_count"], again.context["tracked_count"]) == (0, 5)
    text = again.content.decode()
    assert "<strong>0</strong> new applications will be imported" in text
    assert text.count("Already tracked") == 5
    # Bob has none of alice's applications: every row is new for him.
    for_bob = bob_client.get(_upload(bob_client)["Location"])
    assert (for_bob.context["ready_count"], for_bob.context["tracked_count"]) == (5, 0)
