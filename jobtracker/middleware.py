from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpResponse, JsonResponse


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Every page needs a login unless its view says otherwise (@login_not_required).

    The API is exempt here because it authenticates itself and answers 401, not a redirect.
    """

    exempt_prefixes = ("/api/",)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(self.exempt_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class RequestSizeLimitMiddleware:
    """Refuse a body larger than MAX_REQUEST_BYTES from its headers, before reading any of it.

    First in MIDDLEWARE: nothing above it may touch request.body or request.POST. Django reads
    no body past Content-Length, so a chunked body without one is refused (411) rather than
    silently arriving empty.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self._refusal(request)
        if refusal is not None:
            return self._answer(request, *refusal)
        return self.get_response(request)

    def _refusal(self, request) -> tuple[int, str] | None:
        limit = settings.MAX_REQUEST_BYTES
        raw = request.META.get("CONTENT_LENGTH") or ""
        if not raw.strip():
            if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
                return 411, "A request body needs a Content-Length header."
            return None
        if not raw.strip().isdigit():
            return 400, "The Content-Length header is not a number."
        if int(raw) > limit:
            return 413, f"Request body too large: the limit is {limit} bytes."
        return None

    @staticmethod
    def _answer(request, status: int, message: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=status)
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
