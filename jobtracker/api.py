"""The one NinjaAPI at /api/. Each app contributes a Router from its own api.py."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from ninja import NinjaAPI, Router, Schema
from ninja.security import django_auth
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from .auth import BearerToken, HeaderKey

api = NinjaAPI(
    title="jobtracker API",
    version="1.0.0",
    description="Capture postings and read your pipeline. Authenticate with "
    "`Authorization: Bearer jt_…` (create a token under Settings).",
    auth=[BearerToken(), HeaderKey(), django_auth],
    throttle=[AnonRateThrottle(), AuthRateThrottle()],
    docs_url="/docs",
)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return api.create_response(request, {"detail": "The request body is too large."}, status=413)


me_router = Router(tags=["account"])


class MeOut(Schema):
    id: int
    username: str
    email: str
    signup_open: bool


@me_router.get("/me", response=MeOut, summary="Who am I")
def me(request):
    user = request.user
    return {
        "id": user.pk,
        "username": user.get_username(),
        "email": user.email,
        "signup_open": settings.ALLOW_SIGNUP,
    }


api.add_router("", me_router)


def _mount_app_routers() -> None:
    """Mount `<app>.api.router` for every project app that has one."""
    from importlib import import_module

    for app in ("boards", "applications", "analysis", "ingestion"):
        try:
            module = import_module(f"{app}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.api":
                raise
            continue
        api.add_router("", module.router)


_mount_app_routers()
