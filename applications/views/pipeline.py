"""The kanban: a column per status; drag a card, or use its select, to move it."""

from django.contrib import messages
from django.shortcuts import render
from django.views.decorators.http import require_POST

from jobtracker.ownership import get_owned_or_404
from jobtracker.redirects import redirect_back

from ..forms import StatusForm
from ..models import Application, Source, Status
from ..queries import AppFilters, pipeline_columns
from ..services import change_status


def pipeline(request):
    filters = AppFilters.from_query(request.GET)
    columns = pipeline_columns(request.user, filters)
    return render(
        request,
        "applications/pipeline.html",
        {
            "columns": columns,
            "filters": filters,
            "total": sum(c["count"] for c in columns),
            "statuses": Status.choices,
            "sources": Source.choices,
        },
    )


@require_POST
def application_status(request, pk: int):
    """A person moves an application (drag and drop, the card's select, or the detail page)."""
    application = get_owned_or_404(Application, request.user, pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Unknown status.")
    else:
        change_status(application, form.cleaned_data["status"], by_user=True, cause="moved by you")
    if request.htmx:
        application.refresh_from_db()
        return render(
            request, "applications/_card.html", {"app": application, "statuses": Status.choices}
        )
    return redirect_back(request, "applications:pipeline")
