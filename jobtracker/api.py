"""The one NinjaAPI at /api/. Each app contributes a Router from its own api.py."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from ninja import NinjaAPI, Router, Schema
from ninja.errors import AuthenticationError
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from analysis import api as analysis_api
from applications.intake import api as intake_api

from .auth import BearerToken, HeaderKey, SessionCsrf

api = NinjaAPI(
    title="jobtracker API",
    version="1.0.0",
    description="Capture postings and read your pipeline. Authenticate with "
    "`Authorization: Bearer jt_…` (create a token under Settings).",
    auth=[BearerToken(), HeaderKey(), SessionCsrf()],
    throttle=[AnonRateThrottle(), AuthRateThrottle()],
    docs_url="/docs",
)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return api.create_response(request, {"detail": "The request body is too large."}, status=413)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    """401 in JSON with the challenge RFC 6750 asks for; a refused token is told apart."""
    if getattr(request, "jt_token_refused", False):
        detail = "The API token was refused: it is unknown, revoked, or its user is inactive."
        challenge = 'Bearer realm="jobtracker", error="invalid_token"'
    else:
        detail = "Authentication required: send Authorization: Bearer jt_… (Settings → API tokens)."
        challenge = 'Bearer realm="jobtracker"'
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = challenge
    return response


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
