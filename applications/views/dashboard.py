from django.shortcuts import render

from ..dashboard import build, chart_bars
from ..models import Status


def dashboard(request):
    board = build(request.user)
    return render(
        request,
        "applications/dashboard.html",
        {"board": board, "bars": chart_bars(board.weeks), "ghosted": Status.GHOSTED},
    )
