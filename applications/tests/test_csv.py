"""CSV import and export: what a file from Huntr, Teal, JobSync or a spreadsheet becomes,
the value and date mapping, limits and hostile files, and the export's round trip."""

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from applications.csv_io import (
    CSVImportError,
    export_lines,
    guess_choices,
    guess_status,
    import_bytes,
    neutralise,
    parse_when,
    plan,
    read,
    unneutralise,
)
from applications.csv_io.dates import detect_date_order
from applications.models import Application, Event, Status, Task

from .factories import make_application

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"

GOOD = (
    b"Company,Job Title,Link,Status,Date Applied,Notes\n"
    b"Acme,Backend Engineer,https://boards.greenhouse.io/acme/jobs/1?utm_source=x,Interviewing,2026-10-01,Nice team\n"
    b"Globex,Data Engineer,,applied,05.10.2026,\n"
)


def _apps(owner) -> dict[str, Application]:
    return {a.company: a for a in Application.objects.filter(owner=owner)}


# --- files people bring -----------------------------------------------------------------------


def test_a_huntr_export_is_recognised_and_imports_without_editing(alice):
    parsed = read((DATA / "huntr_export.csv").read_bytes())
    assert guess_choices(parsed).preset == "huntr"
    result = import_bytes(alice, (DATA / "huntr_export.csv").read_bytes())
    assert (result["created"], result["existing"], result["skipped"]) == (5, 0, 2)
    assert dict(result["skipped_rows"]) == {
        7: "the same posting as row 2",
        8: "it has no company, job title or URL",
    }
    apps = _apps(alice)
    statuses = {name: app.status for name, app in apps.items()}
    assert statuses == {
        "Lumen Labs": Status.APPLIED,
        "Northwind Traders": Status.INTERVIEWING,
        "Quanta Analytics": Status.SAVED,  # Wishlist
        "Globex": Status.REJECTED,
        "Initech": Status.OFFER,
    }
    lumen = apps["Lumen Labs"]
    assert lumen.url == "https://job-boards.greenhouse.io/lumenlabs/jobs/4012345"
    assert lumen.salary == "$150,000 - $180,000"
    assert lumen.created_at.date() == date(2026, 9, 2)
    # Huntr says when a card was added, not when it moved to Applied: not before it was added.
    assert lumen.applied_at.date() == date(2026, 9, 2)
    assert apps["Globex"].url == "" and apps["Globex"].location == "Remote"  # "-" is empty


def test_a_teal_export_reads_us_dates_joins_the_salary_and_makes_a_follow_up_task(alice):
    raw = (DATA / "teal_export.csv").read_bytes()
    assert guess_choices(read(raw)).preset == "teal"
    assert import_bytes(alice, raw)["created"] == 6
    apps = _apps(alice)
    acme = apps["Acme Robotics"]
    assert acme.applied_at.date() == date(2026, 9, 3)
    assert acme.created_at.date() == date(2026, 9, 1)
    assert acme.salary == "120000 – 150000"
    task = Task.objects.get(application=acme)
    assert (task.title, task.due_on) == ("Follow up", date(2026, 9, 17))
    assert (acme.next_action, acme.next_action_due) == ("Follow up", date(2026, 9, 17))
    assert apps["Hooli"].url == "https://hooli.example.com/careers/8812"
    statuses = {a.company: a.status for a in apps.values()}
    assert statuses["Pied Piper"] == Status.SAVED  # Bookmarked
    assert statuses["Vandelay Industries"] == Status.REJECTED  # Not Selected
    assert statuses["Stark Industries"] == Status.GHOSTED  # No Response


def test_a_jobsync_export_is_recognised_and_its_na_cells_are_empty(alice):
    raw = (DATA / "jobsync_export.csv").read_bytes()
    assert guess_choices(read(raw)).preset == "jobsync"
    assert import_bytes(alice, raw)["created"] == 4
    apps = _apps(alice)
    assert apps["Fabrikam"].status == Status.INTERVIEWING  # Interview
    assert apps["Tailspin Toys"].status == Status.SAVED  # Draft
    assert apps["Tailspin Toys"].applied_at is None and apps["Tailspin Toys"].location == ""
    assert apps["Wingtip"].status == Status.WITHDRAWN  # Expired
    assert apps["Contoso"].applied_at.date() == date(2026, 8, 21)


def test_a_german_excel_file_in_windows_1252_with_semicolons_and_dotted_dates(alice):
    raw = (DATA / "spreadsheet_de_cp1252.csv").read_bytes()
    parsed = read(raw)
    assert (parsed.encoding, parsed.delimiter) == ("Windows-1252", ";")
    assert guess_choices(parsed).date_order == "dmy"
    assert import_bytes(alice, raw)["created"] == 3
    apps = _apps(alice)
    mueller = apps["Müller & Söhne GmbH"]
    assert (mueller.status, mueller.applied_at.date()) == (Status.APPLIED, date(2026, 11, 20))
    assert apps["Bäckerei Groß"].status == Status.INTERVIEWING  # Vorstellungsgespräch
    assert apps["Bäckerei Groß"].notes == "„Gehalt: 65.000 €“"
    assert apps["Café Crème"].status == Status.REJECTED  # Absage


def test_a_tab_separated_sheet_with_a_bom_times_and_a_next_step(alice):
    raw = (DATA / "spreadsheet_us.tsv").read_bytes()
    result = import_bytes(alice, raw)
    assert (result["created"], result["skipped"]) == (2, 1)
    assert result["skipped_rows"] == [(4, "“sometime in May” is not a date (Date applied)")]
    umbrella = _apps(alice)["Umbrella Corp"]
    assert umbrella.status == Status.SCREENING  # Phone screen
    assert timezone.localtime(umbrella.applied_at).strftime("%Y-%m-%d %H:%M") == (
        "2026-11-20 15:45"
    )
    task = Task.objects.get(application=umbrella)
    assert (task.title, task.due_on) == ("Send portfolio", date(2026, 11, 27))


def test_importing_the_same_file_twice_adds_nothing(alice):
    raw = (DATA / "teal_export.csv").read_bytes()
    import_bytes(alice, raw)
    again = import_bytes(alice, raw)
    assert (again["created"], again["existing"]) == (0, 6)
    assert Application.objects.filter(owner=alice).count() == 6
    assert Task.objects.filter(owner=alice).count() == 1
    assert Event.objects.filter(kind="imported").count() == 6


def test_a_next_action_never_replaces_a_task_the_person_has(alice):
    app = make_application(alice, company="Acme", title="SRE", url="")
    from applications.task_list import add_task

    add_task(alice, "Call Jane", application=app)
    import_bytes(alice, b"Company,Title,Next action\nAcme,SRE,Send thank-you\n")
    app.refresh_from_db()
    assert app.next_action == "Call Jane"
    assert Task.objects.filter(application=app).count() == 1


# --- value mapping ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("Wishlist", Status.SAVED), ("Bookmarked", Status.SAVED), ("Saved", Status.SAVED),
        ("Applying", Status.APPLIED), ("Applied", Status.APPLIED),
        ("Phone screen", Status.SCREENING), ("Recruiter call", Status.SCREENING),
        ("Interview", Status.INTERVIEWING), ("Interviewing", Status.INTERVIEWING),
        ("2nd round interview", Status.INTERVIEWING), ("Take-home", Status.ASSESSMENT),
        ("Offer", Status.OFFER), ("Rejected", Status.REJECTED), ("Declined", Status.REJECTED),
        ("Withdrawn", Status.WITHDRAWN), ("Ghosted", Status.GHOSTED),
        ("No response 🔕", Status.GHOSTED), ("  OFFER  ", Status.OFFER),
        ("Dreaming", None), ("", None),
    ],
)  # fmt: skip
def test_status_words_of_other_trackers_have_a_sensible_guess(value, status):
    assert guess_status(value) == status


def test_an_unknown_status_is_applied_when_dated_else_saved_and_can_be_mapped(alice):
    raw = b"Company,Status,Date Applied\nAcme,Dreaming,2026-10-01\nGlobex,Dreaming,\n"
    parsed = read(raw)
    choices = guess_choices(parsed)
    planned = plan(parsed, choices)
    assert [(v.raw, v.count, v.chosen) for v in planned.statuses] == [("Dreaming", 2, "")]
    assert [r.values["status"] for r in planned.rows] == [Status.APPLIED, Status.SAVED]
    choices.statuses = {"dreaming": Status.OFFER}
    assert {r.values["status"] for r in plan(parsed, choices).rows} == {Status.OFFER}


def test_a_status_set_to_skip_leaves_its_rows_out(alice):
    raw = b"Company,Status\nAcme,Archived\nGlobex,Applied\n"
    parsed = read(raw)
    choices = guess_choices(parsed)
    choices.statuses = {"archived": "skip"}
    result = plan(parsed, choices)
    assert [r.skip for r in result.rows] == ["its status “Archived” is set to be skipped", ""]


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "order", "day"),
    [
        ("2026-11-20", "mdy", date(2026, 11, 20)),
        ("2026-11-20T19:17:05.123Z", "mdy", date(2026, 11, 20)),
        ("2026/11/20", "mdy", date(2026, 11, 20)),
        ("11/20/2026", "mdy", date(2026, 11, 20)),
        ("11/20/26", "mdy", date(2026, 11, 20)),
        ("11/20/2026 3:45 PM", "mdy", date(2026, 11, 20)),
        ("20/11/2026", "dmy", date(2026, 11, 20)),
        ("20.11.2026", "dmy", date(2026, 11, 20)),
        ("20.11.2026 14:30", "dmy", date(2026, 11, 20)),
        ("03/04/2026", "mdy", date(2026, 3, 4)),
        ("03/04/2026", "dmy", date(2026, 4, 3)),
        ("Nov 20, 2026", "mdy", date(2026, 11, 20)),
        ("Fri, Nov 20, 2026", "mdy", date(2026, 11, 20)),
        ("November 20th, 2026", "dmy", date(2026, 11, 20)),
        ("20 Nov 2026", "mdy", date(2026, 11, 20)),
        ("20-Nov-2026", "mdy", date(2026, 11, 20)),
        ("20. November 2026", "dmy", date(2026, 11, 20)),
        ("46346", "mdy", date(2026, 11, 20)),  # Excel's serial number
        ("46346.75", "mdy", date(2026, 11, 20)),
    ],
)
def test_dates_in_the_forms_spreadsheets_write(value, order, day):
    assert parse_when(value, order).day == day


@pytest.mark.parametrize("value", ["yesterday-ish", "31.02.2026", "13/13/2026", "2026-13-01",
                                   "12", "1/2", "0", "20 Foo 2026", "2026-01-01 25:00"])  # fmt: skip
def test_what_is_not_a_date_says_so(value):
    with pytest.raises(ValueError, match="is not a date"):
        parse_when(value)


def test_a_time_with_a_zone_is_kept():
    when = parse_when("2026-11-20 10:00:00+01:00")
    assert when.at.utcoffset() == timedelta(hours=1)
    assert when.at.hour == 10


@pytest.mark.parametrize(
    ("values", "order", "detected"),
    [
        (["20/11/2026", "01/02/2026"], "dmy", True),
        (["11/20/2026", "01/02/2026"], "mdy", True),
        (["01/02/2026", "03/04/2026"], "mdy", False),  # the file does not say: US by default
        (["01.02.2026", "03.04.2026"], "dmy", False),  # dots are day-first
        (["2026-01-02"], "mdy", False),
    ],
)
def test_the_date_order_is_read_from_a_day_over_twelve(values, order, detected):
    found = detect_date_order(values)
    assert (found.order, found.detected) == (order, detected)


def test_the_date_order_choice_changes_how_dates_are_read(alice):
    parsed = read(b"Company,Date Applied\nAcme,03/04/2026\n")
    choices = guess_choices(parsed)
    assert plan(parsed, choices).rows[0].values["applied_at"].day == date(2026, 3, 4)
    choices.date_order = "dmy"
    assert plan(parsed, choices).rows[0].values["applied_at"].day == date(2026, 4, 3)


# --- limits and hostile files -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100, "Excel workbook"),
        (b"%PDF-1.7\n...", "PDF"),
        (bytes(range(256)) * 20, "binary"),
        (b"Foo,Bar\n1,2\n", "Map at least one column"),
        (b"Company\n", "no applications"),
        (b"", "empty"),
        (b"Company\n" + b"x" * (6 * 1024 * 1024), "larger than 5 MB"),
        (b"Company\n" + b"Acme\n" * 20_001, "more than 20,000 rows"),
        (b",".join(b"c%d" % i for i in range(150)) + b"\nAcme\n", "150 columns"),
        (b'Company,Notes\nAcme,"' + b"a" * 200_000 + b'"\n', "could not be read"),
    ],
    ids=["xlsx", "pdf", "binary", "no known column", "header only", "empty", "over 5 MB",
         "too many rows", "too wide", "giant cell"],
)  # fmt: skip
def test_bad_files_give_a_clear_error_and_import_nothing(alice, raw, message):
    with pytest.raises(CSVImportError, match=message):
        import_bytes(alice, raw)
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "raw",
    [
        "Company;Job Title;Status\r\nAcmé;Dev;Wishlist\r\n".encode("utf-8-sig"),
        "Company\tJob Title\tStatus\nAcmé\tDev\tWishlist\n".encode("utf-16"),
        "Company,Job Title,Status\nAcmé,Dev,Wishlist\n".encode("utf-16-le"),
        "Company,Job Title,Status\nAcmé,Dev,Wishlist\n".encode("cp1252"),
        "sep=;\nCompany;Job Title;Status\nAcmé;Dev;Wishlist\n".encode(),
        b"Company,Job Title,Status\nAcm\xc3\xa9\x00,Dev,Wishlist\x00\n",
    ],
    ids=["bom and semicolons", "utf-16 tabs", "utf-16 without bom", "windows-1252", "sep line",
         "stray nul"],
)  # fmt: skip
def test_encodings_and_delimiters_spreadsheets_write_all_import(alice, raw):
    assert import_bytes(alice, raw)["created"] == 1
    app = Application.objects.get(owner=alice)
    assert (app.company, app.title, app.status) == ("Acmé", "Dev", Status.SAVED)


def test_a_bad_url_skips_only_its_row(alice):
    raw = b"Company,Status,Link\nAcme,applied,https://a.example/1\nGlobex,applied,javascript:alert(1)\n"
    result = import_bytes(alice, raw)
    assert (result["created"], result["skipped"]) == (1, 1)
    assert result["skipped_rows"] == [(3, "“javascript:alert(1)” is not a web address")]


def test_formulas_are_kept_as_text_and_neutralised_in_the_export(alice, alice_client):
    import_bytes(alice, (DATA / "teal_export.csv").read_bytes())
    stored = Application.objects.get(owner=alice, title="Data Engineer").company
    assert stored == '=HYPERLINK("http://evil.example","Click")'
    text = b"".join(alice_client.get("/applications/export.csv").streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    cells = [cell for row in rows for cell in row.values() if cell]
    assert not [c for c in cells if c[0] in "=+-@\t\r"]
    assert '\'=HYPERLINK("http://evil.example","Click")' in cells


@pytest.mark.parametrize("text", ["=1+1", "-5", "+49 30 1234", "@SUM(A1)", "'=x", "''=x",
                                  "'quoted'", "plain", "\tTab"])  # fmt: skip
def test_neutralising_a_cell_can_be_undone_exactly(text):
    assert neutralise(text)[0] not in "=+-@\t\r"
    assert unneutralise(neutralise(text)) == text


# --- export round trip ------------------------------------------------------------------------


def _export(client, **params) -> str:
    response = client.get("/applications/export.csv", params)
    assert response["Content-Type"].startswith("text/csv")
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_export_then_import_into_a_fresh_account_gives_the_same_applications(
    alice_client, alice, bob
):
    from applications.task_list import set_next_action

    sre = make_application(
        alice, title="SRE", company="Acme", status="offer", location="Berlin", salary="€80k",
        applied_at=timezone.now() - timedelta(days=3), notes="line one\nline, two\n=SUM(A1)",
        created_at=timezone.now() - timedelta(days=10),
    )  # fmt: skip
    set_next_action(sre, "Negotiate", timezone.localdate() + timedelta(days=2))
    make_application(alice, title="Analyst", company="-5 Globex", url="", status="saved")
    make_application(alice, title="Dev", company="Initech", status="ghosted",
                     url="https://jobs.lever.co/initech/abc")  # fmt: skip
    text = _export(alice_client)
    result = import_bytes(bob, text.encode())
    assert (result["created"], result["skipped"]) == (3, 0)
    keys = ["company", "title", "url", "status", "notes", "location", "salary", "next_action",
            "next_action_due", "applied_at", "created_at"]  # fmt: skip
    mine = sorted(Application.objects.filter(owner=alice).values_list(*keys))
    theirs = sorted(Application.objects.filter(owner=bob).values_list(*keys))
    assert mine == theirs
    assert Task.objects.get(owner=bob).title == "Negotiate"


def test_export_follows_the_filters(alice_client, alice):
    make_application(alice, company="Applied Co", status="applied")
    make_application(alice, company="Other", status="rejected")
    rows = list(csv.DictReader(io.StringIO(_export(alice_client, status="applied"))))
    assert [r["company"] for r in rows] == ["Applied Co"]


def test_export_never_includes_another_users_rows(bob_client, alice):
    make_application(alice, company="Alice Secret")
    assert "Alice Secret" not in _export(bob_client)


def test_export_lines_are_one_query_for_any_number_of_rows(alice, django_assert_num_queries):
    for n in range(30):
        make_application(alice, company=f"Co {n}")
    with django_assert_num_queries(1):
        lines = list(export_lines(Application.objects.filter(owner=alice)))
    assert len(lines) == 31


# --- commands ---------------------------------------------------------------------------------


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
    bad.write_bytes(b"Foo,Bar\n1,2\n")
    with pytest.raises(CommandError, match="Map at least one column"):
        call_command("import_csv", str(bad), "--user", "bob")


def test_the_import_command_lists_skipped_rows_and_can_dry_run(alice, capsys):
    path = str(DATA / "spreadsheet_us.tsv")
    call_command("import_csv", path, "--user", "alice", "--dry-run")
    assert "would import 2 row(s); skip 1" in capsys.readouterr().out
    assert not Application.objects.exists()
    call_command("import_csv", path, "--user", "alice", "--date-order", "mdy")
    out = capsys.readouterr().out
    assert "imported 2 new application(s)" in out and "row 4: “sometime in May”" in out
