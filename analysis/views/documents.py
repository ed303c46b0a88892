"""The analysis panel on an application, and its documents (write, edit, download)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from applications.models import Application
from jobtracker.ownership import get_owned_or_404
from jobtracker.text import counted

from .. import queries, writing
from ..forms import DocumentEditForm, DocumentRequestForm
from ..llm import LlmError, llm_enabled
from ..models import Document
from ..verifier import highlight


def _panel_context(request, application, **extra) -> dict:
    job = application.job
    return {
        "app": application,
        "job": job,
        "score": queries.score_for(request.user, job) if job else None,
        "analysis": queries.latest_analysis(request.user, job) if job else None,
        "documents": queries.documents_for(request.user, application),
        "request_form": DocumentRequestForm(),
        "llm_enabled": llm_enabled(),
        "has_resume": queries.active_resume(request.user) is not None,
        **extra,
    }


def application_panel(request, pk: int):
    """Registered with applications.panels: loaded into the application page by htmx."""
    application = get_owned_or_404(Application.objects.select_related("job"), request.user, pk=pk)
    return render(request, "analysis/_application_panel.html", _panel_context(request, application))


@require_POST
def document_create(request, pk: int):
    application = get_owned_or_404(Application.objects.select_related("job"), request.user, pk=pk)
    form = DocumentRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose what to write.")
        return redirect("applications:application-detail", application.pk)
    try:
        document = writing.generate_document(
            request.user, application, form.cleaned_data["kind"], form.options()
        )
    except (LlmError, ValueError) as exc:
        messages.error(request, str(exc))
        return redirect("applications:application-detail", application.pk)
    if document.unverified:
        messages.warning(
            request,
            f"Check the {counted(len(document.unverified), 'highlighted item')}: they are not in "
            "your resume or profile.",
        )
    return redirect("analysis:document-detail", document.pk)


def document_detail(request, pk: int):
    document = get_owned_or_404(Document.objects.select_related("application"), request.user, pk=pk)
    if request.method == "POST":
        form = DocumentEditForm(request.POST)
        if form.is_valid():
            writing.update_document(
                document, form.cleaned_data["content"], form.cleaned_data["title"]
            )
            messages.success(request, "Saved. The check ran again on your text.")
            return redirect("analysis:document-detail", document.pk)
    else:
        form = DocumentEditForm(initial={"title": document.title, "content": document.content})
    return render(
        request,
        "analysis/document_detail.html",
        {
            "document": document,
            "form": form,
            "parts": highlight(document.content, document.unverified),
        },
    )


def document_download(request, pk: int, fmt: str):
    document = get_owned_or_404(Document, request.user, pk=pk)
    if fmt == "md":
        body, content_type = writing.as_markdown(document), "text/markdown; charset=utf-8"
    elif fmt == "txt":
        body, content_type = writing.as_text(document), "text/plain; charset=utf-8"
    else:
        return HttpResponse("Choose md or txt.", status=404, content_type="text/plain")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.kind}-{document.pk}.{fmt}"'
    return response


@require_POST
def document_delete(request, pk: int):
    document = get_owned_or_404(Document, request.user, pk=pk)
    application_id = document.application_id
    document.delete()
    messages.success(request, "Document deleted.")
    return redirect(reverse("applications:application-detail", args=[application_id]))
