"""CSV export (streamed, with the list's filters) and a two-step CSV import."""

import secrets

from django.contrib import messages
from django.core.cache import cache
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from .. import csv_io
from ..queries import AppFilters, applications_for

CACHE_SECONDS = 3600


def export_csv(request):
    filters = AppFilters.from_query(request.GET)
    apps = applications_for(request.user, filters)
    stamp = timezone.now().strftime("%Y%m%d")
    response = StreamingHttpResponse(
        csv_io.export_lines(apps), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="applications-{stamp}.csv"'
    return response


def _key(request, token: str) -> str:
    return f"csv-import:{request.user.pk}:{token}"


def import_upload(request):
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, "Choose a CSV file first.")
        elif upload.size > csv_io.MAX_BYTES:
            messages.error(request, "The file is larger than 5 MB; split it and import the parts.")
        else:
            try:
                text = csv_io.decode(upload.read(csv_io.MAX_BYTES + 1))
                csv_io.parse(text)
            except csv_io.CSVImportError as exc:
                messages.error(request, str(exc))
            else:
                token = secrets.token_urlsafe(12)
                cache.set(_key(request, token), text, CACHE_SECONDS)
                return redirect("applications:csv-import-preview", token=token)
    return render(request, "applications/csv_import.html")


def import_preview(request, token: str):
    text = cache.get(_key(request, token))
    if text is None:
        messages.error(request, "That upload expired; choose the file again.")
        return redirect("applications:csv-import")
    parsed = csv_io.parse(text)
    mapping = parsed.mapping
    errors: list[str] = []
    if request.method == "POST":
        mapping = {
            index: request.POST.get(f"col-{index}")
            for index in range(len(parsed.headers))
            if request.POST.get(f"col-{index}") in csv_io.IMPORT_FIELDS
        }
        if len(set(mapping.values())) != len(mapping):
            errors = ["Each field can be mapped from one column only."]
        else:
            try:
                rows, errors = csv_io.validate(parsed, mapping)
            except csv_io.CSVImportError as exc:
                errors = [str(exc)]
            if not errors:
                result = csv_io.apply(request.user, rows)
                cache.delete(_key(request, token))
                messages.success(
                    request,
                    f"Imported {result['created']} new application(s); "
                    f"{result['existing']} were already tracked.",
                )
                return redirect("applications:application-list")
    columns = [
        {
            "index": i,
            "header": h,
            "field": mapping.get(i, ""),
            "samples": [r[i] for r in parsed.rows[:3] if i < len(r)],
        }
        for i, h in enumerate(parsed.headers)
    ]
    return render(
        request,
        "applications/csv_preview.html",
        {
            "columns": columns,
            "fields": csv_io.IMPORT_FIELDS,
            "rows": len(parsed.rows),
            "errors": errors,
        },
    )
