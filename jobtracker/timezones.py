"""The person's time zone: the browser names it in a cookie (static/js/timezone.js reads
`Intl.DateTimeFormat().resolvedOptions().timeZone`), and this middleware activates it for the
request, so a form's "14:00" means 14:00 where the person is and pages show their clock.

A missing or unknown name leaves the server's TIME_ZONE active. Only names in the IANA
database are accepted: the cookie is user input, and ZoneInfo() of an arbitrary string reads
files.
"""

from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.contrib.auth import get_user_model
from django.utils import timezone

COOKIE = "tz"
MAX_NAME = 64  # the longest IANA name is about 32 characters


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones()) | {"UTC"}


def zone_named(name: str | None) -> ZoneInfo | None:
    """The zone called `name`, or None when it is empty, too long or not an IANA zone."""
    if not name or len(name) > MAX_NAME or name not in _known_zones():
        return None
    return ZoneInfo(name)


def zone_of_user(user) -> ZoneInfo | None:
    """The zone a person's browser last reported, for work done without a request."""
    return zone_named(getattr(user, "time_zone", ""))


def _remember(user, name: str) -> None:
    # One UPDATE when the browser's zone changes (travel, a new laptop); none otherwise.
    if user.is_authenticated and user.time_zone != name:
        get_user_model().objects.filter(pk=user.pk).update(time_zone=name)
        user.time_zone = name


class TimezoneMiddleware:
    """Activate the zone the browser reported for the length of one request; without the
    cookie (another browser's first page), the zone last reported for this account."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookie = request.COOKIES.get(COOKIE)
        zone = zone_named(cookie)
        user = getattr(request, "user", None)
        if zone is not None and user is not None:
            _remember(user, cookie)
        elif zone is None and user is not None and user.is_authenticated:
            zone = zone_of_user(user)
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
