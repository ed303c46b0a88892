"""Google Sheets sync: upsert each application as a row (by id) in one worksheet.

Credentials are a Google service account (settings GOOGLE_SERVICE_ACCOUNT_FILE or
GOOGLE_SERVICE_ACCOUNT_JSON); the user shares their spreadsheet with the account's
client_email as Editor and gives jobtracker the spreadsheet key. Values are written RAW, so a
cell is never evaluated as a formula.
"""

import json
import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .csv_io import EXPORT_FIELDS
from .models import Application, SheetSync

logger = logging.getLogger(__name__)
SCOPES = ["https://www.googleapis.com/auth/spreadsheets"]


class SheetSyncError(Exception):
    """The sync failed; the message tells the user what to do."""


def service_account_info() -> dict | None:
    raw = getattr(settings, "GOOGLE_SERVICE_ACCOUNT_JSON", "")
    path = getattr(settings, "GOOGLE_SERVICE_ACCOUNT_FILE", "")
    try:
        if raw:
            return json.loads(raw)
        if path:
            return json.loads(Path(path).read_text())
    except (OSError, ValueError) as exc:
        raise SheetSyncError(
            f"The Google service account credentials cannot be read: {exc}"
        ) from exc
    return None


def make_client():
    # Imported here: gspread and google-auth take ~0.4 s to import, for Sheets users only.
    import gspread
    from google.oauth2.service_account import Credentials

    info = service_account_info()
    if info is None:
        raise SheetSyncError(
            "Google Sheets is not set up on this server: set GOOGLE_SERVICE_ACCOUNT_FILE to a "
            "service account's JSON key (see the README)."
        )
    creds = Credentials.from_service_account_info(info, scopes=SCOPES)
    return gspread.Client(auth=creds, http_client=gspread.BackOffHTTPClient)


KEY_TAKEN = (
    "Another account on this server already syncs that spreadsheet: a sheet can be synced by "
    "one account only. Make a new spreadsheet (or a copy) and share that one."
)


def key_taken(owner, key: str) -> bool:
    """Whether another user's sync already uses this spreadsheet key (a key binds to one user:
    the service account can open every sheet shared with it, whoever shared it)."""
    return SheetSync.objects.filter(spreadsheet_key=key).exclude(owner=owner).exists()


def _value(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def rows_for(applications) -> list[list[str]]:
    """The sheet rows for these applications (pure: no Google involved)."""
    return [[_value(getattr(app, name)) for name in EXPORT_FIELDS] for app in applications]


def _column(index: int) -> str:
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sync(sheet: SheetSync, client=None) -> int:
    """Upsert every application of the sheet's owner. Returns the number of rows written."""
    import gspread  # here, not at the top: slow to import, and only Sheets users need it

    client_email = (service_account_info() or {}).get("client_email", "the service account")
    if key_taken(sheet.owner_id, sheet.spreadsheet_key):
        return _fail(sheet, KEY_TAKEN, SheetSyncError("spreadsheet key bound to another user"))
    try:
        client = client or make_client()
        spreadsheet = client.open_by_key(sheet.spreadsheet_key)
        try:
            worksheet = spreadsheet.worksheet(sheet.worksheet)
        except gspread.WorksheetNotFound:
            worksheet = spreadsheet.add_worksheet(
                sheet.worksheet, rows=1000, cols=len(EXPORT_FIELDS)
            )
        ids = worksheet.col_values(1)
        row_of = {str(v): number for number, v in enumerate(ids, start=1) if number > 1 and v}
        apps = Application.objects.filter(owner=sheet.owner).order_by("pk")
        last = _column(len(EXPORT_FIELDS))
        updates = [{"range": f"A1:{last}1", "values": [EXPORT_FIELDS]}]
        appends = []
        for row in rows_for(apps):
            number = row_of.get(row[0])
            if number:
                updates.append({"range": f"A{number}:{last}{number}", "values": [row]})
            else:
                appends.append(row)
        worksheet.batch_update(updates, value_input_option="RAW")
        if appends:
            worksheet.append_rows(appends, value_input_option="RAW")
    except PermissionError as exc:
        message = f"The spreadsheet is not shared with {client_email}: share it as Editor."
        return _fail(sheet, message, exc)
    except gspread.SpreadsheetNotFound as exc:
        return _fail(sheet, "No spreadsheet has that key: copy it from the sheet's URL "
                     "(the part between /d/ and /edit).", exc)  # fmt: skip
    except gspread.exceptions.APIError as exc:
        if getattr(exc, "code", None) == 403:
            return _fail(sheet, f"Google refused: share the spreadsheet with {client_email} as "
                         "Editor.", exc)  # fmt: skip
        return _fail(sheet, f"Google Sheets answered an error: {exc}", exc)
    written = len(updates) - 1 + len(appends)
    SheetSync.objects.filter(pk=sheet.pk).update(
        last_synced_at=timezone.now(), last_error="", rows_written=written
    )
    logger.info("sheet synced user=%s rows=%s", sheet.owner_id, written)
    return written


def _fail(sheet: SheetSync, message: str, exc: Exception):
    SheetSync.objects.filter(pk=sheet.pk).update(last_error=message)
    logger.warning("sheet sync failed user=%s error=%s", sheet.owner_id, exc)
    raise SheetSyncError(message) from exc
