"""Sheets sync against Google's API shapes, mocked with `responses` (Google can't run here)."""

import json
import re

import pytest
import responses
from django.core.management import CommandError, call_command

from applications.models import SheetSync
from applications.sheets import SheetSyncError, rows_for, sync

from .factories import make_application

pytestmark = pytest.mark.django_db
KEY = "1AbCdEfGhIjK"
S = "https://sheets.googleapis.com/v4/spreadsheets"
SA = {"type": "service_account", "client_email": "jobtracker@proj.iam.gserviceaccount.com"}


@pytest.fixture
def client(settings):
    """A gspread client with a fixed token: no OAuth round trip, only the Sheets calls."""
    import gspread
    from google.oauth2.credentials import Credentials

    settings.GOOGLE_SERVICE_ACCOUNT_JSON = json.dumps(SA)
    return gspread.Client(auth=Credentials("test-token"))


def _metadata(title="Applications"):
    return {
        "spreadsheetId": KEY,
        "properties": {"title": "Job search"},
        "sheets": [
            {
                "properties": {
                    "sheetId": 0,
                    "title": title,
                    "index": 0,
                    "gridProperties": {"rowCount": 1000, "columnCount": 14},
                }
            }
        ],
    }


@responses.activate
def test_sync_updates_known_rows_and_appends_new_ones(alice, client):
    known = make_application(alice, title="SRE", company="Acme")
    new = make_application(alice, title="Data Engineer", company="Globex", notes="=SUM(A1)")
    sheet = SheetSync.objects.create(owner=alice, spreadsheet_key=KEY)
    responses.get(f"{S}/{KEY}", json=_metadata())
    responses.get(re.compile(rf"{S}/{KEY}/values/.*"), json={"values": [["id", str(known.pk)]]})
    update = responses.post(f"{S}/{KEY}/values:batchUpdate", json={})
    append = responses.post(re.compile(rf"{S}/{KEY}/values/.*:append"), json={"updates": {}})
    assert sync(sheet, client=client) == 2
    body = json.loads(update.calls[0].request.body)
    assert body["valueInputOption"] == "RAW"
    ranges = {d["range"].split("!")[-1]: d["values"][0] for d in body["data"]}
    assert ranges["A1:N1"][0] == "id" and ranges["A2:N2"][1:3] == ["Acme", "SRE"]
    appended = json.loads(append.calls[0].request.body)["values"]
    assert appended[0][0] == str(new.pk) and "=SUM(A1)" in appended[0]
    sheet.refresh_from_db()
    assert sheet.last_error == "" and sheet.rows_written == 2 and sheet.last_synced_at


@responses.activate
def test_a_sheet_not_shared_with_the_service_account_says_so(alice, client):
    sheet = SheetSync.objects.create(owner=alice, spreadsheet_key=KEY)
    responses.get(
        f"{S}/{KEY}",
        status=403,
        json={
            "error": {
                "code": 403,
                "message": "The caller does not have permission",
                "status": "PERMISSION_DENIED",
            }
        },
    )
    with pytest.raises(
        SheetSyncError, match="not shared with jobtracker@proj.iam.gserviceaccount.com"
    ):
        sync(sheet, client=client)
    sheet.refresh_from_db()
    assert "Editor" in sheet.last_error


@responses.activate
def test_an_unknown_key_is_explained(alice, client):
    sheet = SheetSync.objects.create(owner=alice, spreadsheet_key=KEY)
    responses.get(
        f"{S}/{KEY}",
        status=404,
        json={
            "error": {
                "code": 404,
                "message": "Requested entity was not found.",
                "status": "NOT_FOUND",
            }
        },
    )
    with pytest.raises(SheetSyncError, match="No spreadsheet has that key"):
        sync(sheet, client=client)


def test_rows_are_built_without_google(alice):
    app = make_application(alice, title="SRE", company="Acme", archived=True)
    [row] = rows_for([app])
    assert row[:3] == [str(app.pk), "Acme", "SRE"] and row[12] == "yes"


def test_without_credentials_the_page_explains_the_setup(alice_client, settings):
    settings.GOOGLE_SERVICE_ACCOUNT_JSON = ""
    settings.GOOGLE_SERVICE_ACCOUNT_FILE = ""
    assert b"GOOGLE_SERVICE_ACCOUNT_FILE" in alice_client.get("/applications/sheets/").content


def test_saving_a_sheet_url_keeps_its_key(alice_client, alice, settings):
    settings.GOOGLE_SERVICE_ACCOUNT_JSON = json.dumps(SA)
    alice_client.post(
        "/applications/sheets/save/",
        {
            "spreadsheet_key": f"https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=0",
            "enabled": "1",
        },
    )
    assert SheetSync.objects.get(owner=alice).spreadsheet_key == KEY
    assert b"gserviceaccount" in alice_client.get("/applications/sheets/").content


def test_command_reports_failures(alice, settings, capsys):
    settings.GOOGLE_SERVICE_ACCOUNT_JSON = ""
    settings.GOOGLE_SERVICE_ACCOUNT_FILE = ""
    SheetSync.objects.create(owner=alice, spreadsheet_key=KEY)
    with pytest.raises(CommandError, match="1 sync"):
        call_command("sync_sheets")
    assert "not set up on this server" in capsys.readouterr().out


# --- One spreadsheet, one user ----------------------------------------------------------------


def test_a_key_another_user_syncs_cannot_be_saved(alice_client, alice, bob, settings):
    settings.GOOGLE_SERVICE_ACCOUNT_JSON = json.dumps(SA)
    SheetSync.objects.create(owner=bob, spreadsheet_key=KEY)
    response = alice_client.post(
        "/applications/sheets/save/",
        {"spreadsheet_key": f"https://docs.google.com/spreadsheets/d/{KEY}/edit", "enabled": "1"},
        follow=True,
    )
    assert not SheetSync.objects.filter(owner=alice).exists()
    assert "Another account on this server already syncs" in response.content.decode()


@responses.activate
def test_sync_refuses_a_key_another_user_syncs_without_calling_google(alice, bob, client):
    SheetSync.objects.create(owner=bob, spreadsheet_key=KEY)
    sheet = SheetSync.objects.create(owner=alice, spreadsheet_key=KEY)  # saved before the rule
    with pytest.raises(SheetSyncError, match="Another account on this server already syncs"):
        sync(sheet, client=client)
    assert len(responses.calls) == 0
    sheet.refresh_from_db()
    assert "one account only" in sheet.last_error


def test_saving_your_own_key_again_is_fine(alice_client, alice, settings):
    settings.GOOGLE_SERVICE_ACCOUNT_JSON = json.dumps(SA)
    SheetSync.objects.create(owner=alice, spreadsheet_key=KEY)
    alice_client.post("/applications/sheets/save/", {"spreadsheet_key": KEY, "worksheet": "Jobs"})
    assert SheetSync.objects.get(owner=alice).worksheet == "Jobs"
