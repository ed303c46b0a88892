from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..dashboard import build, chart_bars
from ..models import Status
from ..panels import dashboard_fragments
from ..task_email import set_task_email


def dashboard(request):
    board = build(request.user)
    return render(
        request,
        "applications/dashboard.html",
        {
            "board": board,
            "bars": chart_bars(board.weeks),
            "ghosted": Status.GHOSTED,
            "fragments": dashboard_fragments(),
        },
    )


@require_POST
def task_email_toggle(request):
    """The dashboard's "Email me this list each morning" switch."""
    prefs = set_task_email(request.user, request.POST.get("task_email") == "on")
    if request.htmx:
        return render(
            request,
            "applications/_task_email.html",
            {"task_email": prefs.task_email, "saved": True},
        )
    return redirect("applications:dashboard")
