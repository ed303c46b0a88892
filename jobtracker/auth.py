"""API authentication: `Authorization: Bearer jt_…`, `X-API-Key: jt_…`, or the session + CSRF."""

from ninja.security import APIKeyHeader, HttpBearer

from .services import authenticate_token


def _login_with_token(request, raw: str):
    token = authenticate_token(raw)
    if token is None:
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
