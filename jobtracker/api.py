"""The one NinjaAPI at /api/. Each app contributes a Router from its own api.py."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from ninja import NinjaAPI, Router, Schema
from ninja.security import django_auth
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from analysis import api as analysis_api
from applications.intake import api as intake_api

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


# The composition root: the one module besides the URLconf that imports every app.
api.add_router("", intake_api.router)
api.add_router("", analysis_api.router)
