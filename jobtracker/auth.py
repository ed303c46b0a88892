"""API authentication: `Authorization: Bearer jt_…`, `X-API-Key: jt_…`, or the session + CSRF.

A request that brings no credentials, or a token that is wrong, gets 401 with
`WWW-Authenticate: Bearer` (see `api.py`), never ninja's "CSRF check Failed": the CSRF check
protects a browser's session cookie, so it runs only once a session has identified the user.
A request that sends a token is judged by that token alone, never by a cookie beside it.
"""

from django.conf import settings
from ninja.errors import HttpError
from ninja.security import APIKeyHeader, HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from .services import authenticate_token

TOKEN_HEADERS = ("Authorization", "X-API-Key")


def _login_with_token(request, raw: str | None):
    if not raw:
        return None  # this way of sending a token was not used
    token = authenticate_token(raw)
    if token is None:
        request.jt_token_refused = True  # for the 401's WWW-Authenticate error="invalid_token"
        return None
    request.user = token.user  # ninja sets request.auth only; views read request.user
    return token


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        return _login_with_token(request, token)


class HeaderKey(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request, key):
        return _login_with_token(request, key)


class SessionCsrf(APIKeyCookie):
    """Django's session, with the CSRF check for writes, only for a signed-in browser."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        if any(request.headers.get(name) for name in TOKEN_HEADERS):
            return None  # a token was sent and refused: no falling back to the cookie
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header with a session.")
        return user
