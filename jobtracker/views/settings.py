"""The Settings page: API tokens, password, and (from other apps) integrations."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..forms import TokenCreateForm
from ..models import ApiToken
from ..queries import tokens_for
from ..sections import settings_sections
from ..services import issue_token, revoke_token


def settings_page(request):
    return render(
        request,
        "jobtracker/settings.html",
        {
            "tokens": tokens_for(request.user),
            "token_form": TokenCreateForm(),
            "app_sections": settings_sections(),
        },
    )


def token_create(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = TokenCreateForm(request.POST)
    raw_key = None
    if form.is_valid():
        _, raw_key = issue_token(request.user, form.cleaned_data["name"])
        form = TokenCreateForm()
    # Rendered, not redirected: the raw key exists only in this response.
    context = {"tokens": tokens_for(request.user), "token_form": form, "raw_key": raw_key,
               "app_sections": settings_sections()}  # fmt: skip
    template = "jobtracker/_tokens.html" if request.htmx else "jobtracker/settings.html"
    return render(request, template, context)


@require_POST
def token_revoke(request, pk: int):
    get_object_or_404(ApiToken, user=request.user, pk=pk)  # another user's token: 404
    if revoke_token(request.user, pk):
        messages.success(request, "Token revoked. Anything using it is now refused.")
    else:
        messages.error(request, "That token does not exist or was already revoked.")
    if request.htmx:
        context = {"tokens": tokens_for(request.user), "token_form": TokenCreateForm()}
        return render(request, "jobtracker/_tokens.html", context)
    return redirect("settings")
