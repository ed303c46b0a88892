import csv
import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from applications.csv_io import CSVImportError, import_bytes
from applications.models import Application, Event

from .factories import make_application

pytestmark = pytest.mark.django_db

GOOD = (
    b"Company,Job Title,Link,Status,Date Applied,Notes\n"
    b"Acme,Backend Engineer,https://boards.greenhouse.io/acme/jobs/1?utm_source=x,Interviewing,2026-10-01,Nice team\n"
    b"Globex,Data Engineer,,applied,05.10.2026,\n"
)


def _export(client, **params) -> str:
    response = client.get("/applications/export.csv", params)
    assert response["Content-Type"].startswith("text/csv")
    return b"".join(response.streaming_content).decode()


def test_import_maps_headers_and_is_idempotent(alice):
    assert import_bytes(alice, GOOD) == {"created": 2, "existing": 0}
    assert import_bytes(alice, GOOD) == {"created": 0, "existing": 2}
    acme = Application.objects.get(company="Acme")
    assert (acme.status, acme.url, acme.notes, acme.source) == (
        "interviewing",
        "https://job-boards.greenhouse.io/acme/jobs/1",
        "Nice team",
        "import",
    )
    assert acme.applied_at.date().isoformat() == "2026-10-01"
    assert Event.objects.filter(kind="imported").count() == 2


def test_export_then_import_into_a_fresh_account_gives_the_same_applications(
    alice_client, alice, bob
):
    make_application(
        alice,
        title="SRE",
        company="Acme",
        status="offer",
        applied_at=timezone.now() - timedelta(days=3),
        notes="line one\nline, two",
        location="Berlin",
        salary="€80k",
        next_action="Negotiate",
    )
    make_application(alice, title="Analyst", company="Globex", url="", status="saved")
    text = _export(alice_client)
    import_bytes(bob, text.encode())
    keys = ["company", "title", "url", "status", "notes", "location", "salary", "next_action"]
    mine = sorted(Application.objects.filter(owner=alice).values_list(*keys))
    theirs = sorted(Application.objects.filter(owner=bob).values_list(*keys))
    assert mine == theirs

    def dates(owner):
        return sorted(
            str(a.applied_at.date()) if a.applied_at else ""
            for a in Application.objects.filter(owner=owner)
        )

    assert dates(alice) == dates(bob)


def test_export_follows_the_filters_and_neutralises_formulas(alice_client, alice):
    make_application(alice, company="=HYPERLINK(evil)", status="applied")
    make_application(alice, company="Other", status="rejected")
    rows = list(csv.DictReader(io.StringIO(_export(alice_client, status="applied"))))
    assert [r["company"] for r in rows] == ["'=HYPERLINK(evil)"]


def test_export_never_includes_another_users_rows(bob_client, alice):
    make_application(alice, company="Alice Secret")
    assert "Alice Secret" not in _export(bob_client)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("Company,Status\nAcme,Interviewing\n".encode("utf-16"), "not"),
        ("Firma,Stelle\nAcmé,Dev\n".encode("latin-1"), "UTF-8"),
        (b"Foo,Bar\n1,2\n", "Map at least one column"),
        (b"Company,Status\nAcme,Dreaming\n", "unknown status"),
        (b"Company,Date Applied\nAcme,yesterday-ish\n", "not a date"),
        (b"Company\n", "no applications"),
        (b"", "empty"),
        (b"Company\n" + b"x" * (10 * 1024 * 1024), "larger than 5 MB"),
    ],
)
def test_bad_files_give_a_clear_error_and_import_nothing(alice, raw, message):
    with pytest.raises(CSVImportError, match=message):
        import_bytes(alice, raw)
    assert not Application.objects.exists()


def test_one_bad_row_means_nothing_is_imported(alice):
    raw = b"Company,Status,Link\nAcme,applied,https://a.example/1\nGlobex,applied,javascript:alert(1)\n"
    with pytest.raises(CSVImportError, match="Row 3"):
        import_bytes(alice, raw)
    assert not Application.objects.exists()


def test_upload_preview_and_confirm_flow(alice_client, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = alice_client.post(
        "/applications/import/", {"file": SimpleUploadedFile("a.csv", GOOD, "text/csv")}
    )
    preview = response["Location"]
    page = alice_client.get(preview)
    assert b"Map the columns" in page.content and b"Backend Engineer" in page.content
    columns = page.context["columns"]
    assert [c["field"] for c in columns] == [
        "company",
        "title",
        "url",
        "status",
        "applied_at",
        "notes",
    ]
    data = {f"col-{c['index']}": c["field"] for c in columns}
    data["col-5"] = ""  # ignore the notes column
    response = alice_client.post(preview, data)
    assert response["Location"] == "/applications/"
    assert Application.objects.filter(owner=alice).count() == 2
    assert Application.objects.get(company="Acme").notes == ""


def test_preview_with_a_problem_shows_it_and_imports_nothing(alice_client, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    raw = b"Company,Status\nAcme,Dreaming\n"
    preview = alice_client.post(
        "/applications/import/", {"file": SimpleUploadedFile("a.csv", raw)}
    )["Location"]
    response = alice_client.post(preview, {"col-0": "company", "col-1": "status"})
    assert b"Nothing was imported" in response.content and b"unknown status" in response.content
    assert not Application.objects.exists()


def test_bob_cannot_use_alices_upload(alice_client, bob_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    preview = alice_client.post(
        "/applications/import/", {"file": SimpleUploadedFile("a.csv", GOOD)}
    )["Location"]
    response = bob_client.get(preview)
    assert response.status_code == 302 and not Application.objects.exists()


def test_commands_round_trip(alice, bob, tmp_path, capsys):
    make_application(alice, title="SRE", company="Acme")
    out = tmp_path / "apps.csv"
    call_command("export_csv", "--user", "alice", "--output", str(out))
    call_command("import_csv", str(out), "--user", "bob")
    assert "imported 1 new" in capsys.readouterr().out
    assert Application.objects.get(owner=bob).title == "SRE"
    with pytest.raises(CommandError, match="no user"):
        call_command("import_csv", str(out), "--user", "nobody")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Company,Status\nAcme,Dreaming\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_csv", str(bad), "--user", "bob")
