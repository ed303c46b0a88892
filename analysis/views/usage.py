"""The model usage page: calls, tokens and cost per day and per model, budget left."""

from django.shortcuts import render

from .. import queries
from ..llm import budget_for, llm_enabled


def usage(request):
    return render(
        request,
        "analysis/usage.html",
        {
            "usage": queries.usage(request.user),
            "budget": budget_for(request.user),
            "calls": queries.recent_calls(request.user),
            "llm_enabled": llm_enabled(),
        },
    )
