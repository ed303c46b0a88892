from django.shortcuts import render

from ..dashboard import build, chart_bars
from ..models import Status
from ..panels import dashboard_fragments


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
