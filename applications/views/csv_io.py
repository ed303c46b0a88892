"""CSV export (streamed, with the list's filters) and the CSV import: upload, a preview of
what each row becomes (columns, status values and date order can be changed in the page,
which redraws the preview through htmx), then the import and its summary."""

import hashlib
import itertools

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .. import csv_io
from ..csv_io import jobs, store
from ..csv_io.dates import When, detect_date_order
from ..csv_io.importing import status_values
from ..csv_io.mapping import DATE_FIELDS, column_values
from ..models import Source, Status
from ..queries import AppFilters, applications_for

PREVIEW_ROWS = 20
CHECKED_ROWS = 2000  # the preview checks this many rows (~0.3 s); the import checks all
SKIPS_LISTED = 50
DATE_ORDERS = {"mdy": "Month first (11/20/2026)", "dmy": "Day first (20/11/2026)"}


def export_csv(request):
    filters = AppFilters.from_query(request.GET)
    apps = applications_for(request.user, filters)
    stamp = timezone.now().strftime("%Y%m%d")
    # The BOM makes Excel read the file as UTF-8 (it guesses the local code page otherwise).
    lines = itertools.chain(["\ufeff"], csv_io.export_lines(apps))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="applications-{stamp}.csv"'
    return response


# --- upload ---------------------------------------------------------------------------------


class _SizeCap(FileUploadHandler):
    """Stops reading an upload past the size cap, so a huge file never reaches the disk."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > csv_io.MAX_BYTES:
            self.request.csv_too_big = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt  # the upload handler must be in place before the body is read; checked below
def import_upload(request):
    request.upload_handlers.insert(0, _SizeCap(request))
    return _import_upload(request)


@csrf_protect
def _import_upload(request):
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if getattr(request, "csv_too_big", False) or (upload and upload.size > csv_io.MAX_BYTES):
            error = (
                f"The file is larger than {csv_io.MAX_BYTES // (1024 * 1024)} MB; split it "
                "into smaller files and import each."
            )
        elif upload is None:
            error = "Choose a CSV file first."
        else:
            try:
                text, encoding = csv_io.decode(upload.read(csv_io.MAX_BYTES + 1))
                csv_io.parse(text, encoding)
            except csv_io.CSVImportError as exc:
                error = str(exc)
            else:
                token = store.save_upload(request.user.pk, text, encoding, upload.name or "")
                return redirect("applications:csv-import-preview", token=token)
    return _upload_page(request, error, status=400 if error else 200)


def _upload_page(request, error: str = "", status: int = 200):
    context = {
        "error": error,
        "presets": [p.name for p in csv_io.PRESETS if p.key != "jobtracker"],
        "max_mb": csv_io.MAX_BYTES // (1024 * 1024),
        "max_rows": csv_io.MAX_ROWS,
    }
    return render(request, "applications/csv_import.html", context, status=status)


# --- preview and import ---------------------------------------------------------------------


def import_preview(request, token: str):
    current = store.state(request.user.pk, token)
    if current is not None:
        return _summary(request, current)
    upload = store.load_upload(request.user.pk, token)
    if upload is None:  # expired, or not this person's: the same answer either way
        return _upload_page(
            request,
            "That upload is not here any more (uploads are kept for "
            "an hour). Choose the file again.",
            status=404,
        )
    parsed = csv_io.parse(upload["text"], upload["encoding"])
    choices = csv_io.guess_choices(parsed)
    if request.method == "POST":
        choices = _posted_choices(request.POST, parsed, choices)
    errors, planned = [], None
    try:
        planned = csv_io.plan(parsed, choices, limit=CHECKED_ROWS)
        csv_io.mark_tracked(request.user, planned)
    except csv_io.CSVImportError as exc:
        errors.append(str(exc))
    # The page redraws itself through htmx on every change; a plain submit is the Import.
    wants_import = request.method == "POST" and not request.htmx
    if wants_import and request.POST.get("action", "import") == "import" and planned:
        if planned.ready:
            jobs.start_import(request.user, token, choices, len(parsed.rows))
            return redirect("applications:csv-import-preview", token=token)
        errors.append("No row can be imported; each row below says why it is skipped.")
    context = _preview_context(upload, parsed, choices, planned, errors)
    if request.htmx:
        return render(request, "applications/_csv_plan.html", context)
    return render(request, "applications/csv_preview.html", context)


def _value_id(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def _posted_choices(post, parsed: csv_io.Parsed, guessed: csv_io.Choices) -> csv_io.Choices:
    mapping = {
        index: post[f"col-{index}"]
        for index in range(len(parsed.headers))
        if post.get(f"col-{index}") in csv_io.IMPORT_FIELDS
    }
    order = post.get("date_order")
    choices = csv_io.Choices(
        mapping, {}, order if order in DATE_ORDERS else guessed.date_order, guessed.preset
    )
    allowed = {*Status.values, csv_io.AUTO, csv_io.SKIP}
    values, _ = status_values(parsed, choices)
    for value in values:
        posted = post.get(f"value-{_value_id(value.key)}")
        if posted in allowed:
            choices.statuses[value.key] = posted
    return choices


def _shown(name: str, value) -> str:
    """How an imported value reads on the preview."""
    if isinstance(value, When):
        text = value.day.strftime("%-d %b %Y")
        return f"{text}, {value.at:%H:%M}" if value.at and value.at.time() else text
    if name == "status":
        return Status(value).label
    return str(value or "")


def _preview_context(upload, parsed, choices, planned, errors) -> dict:
    columns = []
    for index, header in enumerate(parsed.headers):
        samples = [r.cells[index] for r in parsed.rows[:50] if index < len(r.cells)]
        columns.append(
            {
                "index": index,
                "header": header or f"Column {index + 1}",
                "field": choices.mapping.get(index, ""),
                "samples": [s for s in samples if s][:3],
            }
        )
    mapped = set(choices.mapping.values())
    dates = [v for name in DATE_FIELDS for v in column_values(parsed, choices.mapping, name)]
    order = detect_date_order(dates)
    preset = csv_io.preset_named(choices.preset)
    context = {
        "upload": upload,
        "parsed": parsed,
        "columns": columns,
        "fields": csv_io.FIELDS,
        "errors": errors,
        "plan": planned,
        "choices": choices,
        "preset": preset,
        "rows": len(parsed.rows),
        "date_order": order,
        "date_orders": DATE_ORDERS,
        "date_fields": [(n, csv_io.FIELDS[n]) for n in DATE_FIELDS if n in mapped],
        "delimiter": {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}.get(
            parsed.delimiter, parsed.delimiter
        ),
    }
    if planned is None:
        return context
    context["status_values"] = [
        {
            "raw": v.raw,
            "id": _value_id(v.key),
            "count": v.count,
            "chosen": v.chosen,
            "guess": Status(v.guess).label if v.guess else "",
        }
        for v in planned.statuses
    ]
    context["status_options"] = [
        (csv_io.AUTO, "Applied if dated, else Saved"),
        *Status.choices,
        (csv_io.SKIP, "Skip these rows"),
    ]
    context["preview"] = [_preview_row(r, mapped) for r in planned.rows[:PREVIEW_ROWS]]
    skipped = planned.skipped
    tracked = len(planned.tracked)
    context["ready_count"] = len(planned.rows) - len(skipped) - tracked
    context["tracked_count"] = tracked
    context["skipped_count"] = len(skipped)
    context["checked"] = len(planned.rows)
    context["unchecked"] = planned.total - len(planned.rows)
    context["partial"] = context["unchecked"] > 0
    context["skipped"] = skipped[:SKIPS_LISTED]
    return context


def _preview_row(row: csv_io.RowPlan, mapped: set[str]) -> dict:
    values = row.values or {}

    def cell(name: str) -> dict:
        raw = row.raw.get(name, "")
        shown = _shown(name, values.get(name)) if row.values else ""
        return {"raw": raw, "shown": shown, "changed": raw != shown, "label": csv_io.FIELDS[name]}

    return {
        "number": row.number,
        "row": row,
        "title": values.get("title") or row.raw.get("title", ""),
        "company": values.get("company") or row.raw.get("company", ""),
        "status": cell("status") if "status" in mapped else None,
        "dates": [cell(name) for name in DATE_FIELDS if name in mapped],
        "next_action": cell("next_action") if "next_action" in mapped else None,
    }


def _summary(request, current: dict):
    summary = current.get("summary") or {}
    context = {
        "state": current,
        "summary": summary,
        "skipped_rows": (summary.get("skipped_rows") or [])[:SKIPS_LISTED],
        "list_url": reverse("applications:application-list") + f"?source={Source.IMPORT}",
    }
    if request.htmx:
        return render(request, "applications/_csv_summary.html", context)
    return render(request, "applications/csv_preview.html", context)
