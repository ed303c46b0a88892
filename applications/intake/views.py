"""The capture page (what the bookmarklet opens), its set-up page and the extension download."""

import io
import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from applications.models import Source, Status

from .capture import CaptureError, capture

EXTENSION_DIR = Path(settings.BASE_DIR) / "extension"


class CaptureForm(forms.Form):
    url = forms.URLField(max_length=2000, assume_scheme="https", label="Posting URL")
    title = forms.CharField(max_length=500, required=False)
    company = forms.CharField(max_length=300, required=False)
    location = forms.CharField(max_length=500, required=False)
    status = forms.ChoiceField(choices=[(Status.SAVED, "Saved"), (Status.APPLIED, "Applied")])
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


def capture_page(request):
    """Opened by the bookmarklet with ?url=…&title=…&company=…; saving tracks it once."""
    initial = {
        "url": request.GET.get("url", "")[:2000],
        "title": " ".join(request.GET.get("title", "").split())[:500],
        "company": " ".join(request.GET.get("company", "").split())[:300],
    }
    form = CaptureForm(request.POST or None, initial=initial)
    if request.method == "GET" and initial["url"] and not initial["company"]:
        # The page named no company: ask, rather than track a posting nobody can place.
        form.fields["company"].help_text = (
            "The page did not say who is hiring: type the company, or leave it empty to have "
            "it read from the posting."
        )
        form.fields["company"].widget.attrs["autofocus"] = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = capture(request.user, data.pop("url"), source=Source.BOOKMARKLET, **data)
        except CaptureError as exc:
            form.add_error("url", str(exc))
        else:
            if result.created:
                messages.success(
                    request, "Tracked. Details from the posting are filled in shortly."
                )
            else:
                messages.info(
                    request, f"Already tracked — status {result.application.get_status_display()}."
                )
            return redirect("applications:application-detail", pk=result.application.pk)
    return render(request, "applications/capture.html", {"form": form})


def extension_download(request):
    """The browser extension as a zip, built from the extension/ folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(EXTENSION_DIR.rglob("*")):
            # The icon generator stays out: the browser needs only its PNGs.
            if path.is_file() and not path.name.startswith(".") and path.suffix != ".py":
                archive.write(path, Path("jobtracker-extension") / path.relative_to(EXTENSION_DIR))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="jobtracker-extension.zip"'
    return response
