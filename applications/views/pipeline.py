"""The kanban: a column per stage. A card moves by drag, by keyboard or by its menu (a plain
form without JavaScript); the Columns panel renames and hides columns."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobtracker.ownership import get_owned_or_404
from jobtracker.redirects import redirect_back

from ..card_slots import registered_card_fit
from ..forms import StatusForm
from ..models import Application, Source
from ..pipeline import LABEL_MAX, STAGES, board, board_card, save_stages, stages_for
from ..queries import AppFilters
from ..services import change_status


def _card_context(stages) -> dict:
    return {
        "stages": stages,
        "hidden_stages": {s.status for s in stages if s.hidden},
        "card_fit": registered_card_fit(),
    }


def pipeline(request):
    filters = AppFilters.from_query(request.GET)
    the_board = board(request.user, filters)
    return render(
        request,
        "applications/pipeline.html",
        {
            "board": the_board,
            "columns": the_board.columns,
            "filters": filters,
            "filtered": bool(filters.q or filters.company or filters.source or filters.since),
            "total": the_board.total,
            "sources": Source.choices,
            "next_url": request.get_full_path(),
            "label_max": LABEL_MAX,
            **_card_context(the_board.stages),
        },
    )


@require_POST
def application_status(request, pk: int):
    """A person moves an application (the board's drag, keys or card menu, or another page)."""
    application = get_owned_or_404(Application, request.user, pk=pk)
    form = StatusForm(request.POST)
    valid = form.is_valid()
    if valid:
        change_status(application, form.cleaned_data["status"], by_user=True, cause="moved by you")
    elif not request.htmx:
        messages.error(request, "Unknown status.")
    if request.htmx:
        next_url = request.POST.get("next", "")
        context = {
            "app": board_card(request.user, pk),
            "next_url": next_url if next_url.startswith("/pipeline/") else "/pipeline/",
            **_card_context(stages_for(request.user)),
        }
        return render(request, "applications/_card.html", context, status=200 if valid else 400)
    return redirect_back(request, "applications:pipeline")


class ColumnsForm(forms.Form):
    """A name and a "show" box per stage; built from STAGES so no status is retyped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for status in STAGES:
            self.fields[f"label_{status}"] = forms.CharField(max_length=200, required=False)
            self.fields[f"show_{status}"] = forms.BooleanField(required=False)

    def labels(self) -> dict[str, str]:
        return {s: self.cleaned_data[f"label_{s}"] for s in STAGES}

    def hidden(self) -> list[str]:
        return [s for s in STAGES if not self.cleaned_data[f"show_{s}"]]


@require_POST
def pipeline_columns(request):
    """Save the Columns panel: names and visibility, kept in the person's Preferences."""
    if request.POST.get("reset"):
        save_stages(request.user, {}, [])
        messages.success(request, "Columns reset to their usual names, all shown.")
        return redirect("applications:pipeline")
    form = ColumnsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Column names must be plain text of up to 40 characters.")
        return redirect("applications:pipeline")
    save_stages(request.user, form.labels(), form.hidden())
    messages.success(request, "Columns saved.")
    return redirect("applications:pipeline")
