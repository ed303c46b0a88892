from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import calendar
from ..models import CalendarFeed


def calendar_page(request):
    has_feed = CalendarFeed.objects.filter(owner=request.user).exists()
    return render(request, "applications/calendar.html", {"has_feed": has_feed})


@require_POST
def calendar_rotate(request):
    had_link = CalendarFeed.objects.filter(owner=request.user).exists()
    token = calendar.rotate_feed(request.user)
    url = request.build_absolute_uri(reverse("applications:calendar-feed", args=[token]))
    if had_link:
        messages.success(request, "New calendar link created; the old link stopped working.")
    else:
        messages.success(request, "Calendar link created: add it to your calendar app below.")
    return render(request, "applications/calendar.html", {"has_feed": True, "feed_url": url})


@login_not_required  # calendar apps cannot log in; the secret token is the credential
def calendar_feed(request, token: str):
    owner = calendar.owner_for(token)
    if owner is None:
        raise Http404("Unknown calendar.")
    body = calendar.feed(owner, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
