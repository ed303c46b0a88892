"""The client's address, read through as many reverse proxies as TRUSTED_PROXY_COUNT says.

Each proxy appends the address it received the connection from to X-Forwarded-For, so with
N trusted proxies the client is the N-th entry from the right; anything further left was
written by the client and proves nothing. With no trusted proxy (the default) the header is
ignored. django-axes keys its lockouts on this (AXES_CLIENT_IP_CALLABLE).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote  # came past fewer proxies than configured: the header is the client's
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
