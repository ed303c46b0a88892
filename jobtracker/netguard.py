"""Which network addresses jobtracker may connect to: one rule for HTTP fetches and IMAP.

`is_forbidden_address(ip)` is the whole rule. An address that carries an IPv4 address inside
an IPv6 one is judged by what it carries: IPv4-mapped (`::ffff:a.b.c.d`, how a dual-stack
socket shows IPv4) and NAT64's well-known prefix (`64:ff9b::a.b.c.d`, how an IPv6-only
network reaches IPv4) are allowed exactly when the IPv4 address inside is. The other
transition forms (6to4 `2002::/16`, Teredo `2001::/32`, local-use NAT64 `64:ff9b:1::/48`,
IPv4-translated `::ffff:0:a.b.c.d`, IPv4-compatible `::a.b.c.d`) are tunnels through relays
we do not control and no mail or job server needs them: refused whatever they carry.

`GuardedManager` is requests-hardened's `Manager` with this rule applied, on top of the
library's own, to the address each connection is pinned to (every redirect hop included).
"""

import ipaddress
import logging
from copy import copy

from requests_hardened import Config, HTTPSession, Manager
from requests_hardened.ip_filter import InvalidIPAddress
from requests_hardened.ip_filter_adapter import IPFilterAdapter

logger = logging.getLogger(__name__)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_net = ipaddress.ip_network

# IPv6 forms whose low 32 bits are an IPv4 address that decides.
_IPV4_MAPPED = _net("::ffff:0:0/96")
_NAT64_WELL_KNOWN = _net("64:ff9b::/96")
# IPv6 transition forms refused whatever they carry.
_TUNNELS = (
    _net("64:ff9b:1::/48"),  # NAT64 local use (RFC 8215): where the IPv4 sits varies
    _net("2002::/16"),  # 6to4
    _net("2001::/32"),  # Teredo
    _net("::ffff:0:0:0/96"),  # IPv4-translated (SIIT, RFC 2765)
    _net("::/96"),  # IPv4-compatible (deprecated), also :: and ::1 handled first
)
_SITE_LOCAL = _net("fec0::/10")  # deprecated (RFC 3879) but still routed inside some networks
_UNIQUE_LOCAL = _net("fc00::/7")
# Not covered by Python's is_private/is_global on every supported version.
_IPV4_EXTRA = (
    _net("0.0.0.0/8"),
    _net("100.64.0.0/10"),  # carrier-grade NAT
    _net("192.0.0.0/24"),  # IETF protocol assignments
    _net("192.88.99.0/24"),  # 6to4 relay anycast
    _net("198.18.0.0/15"),  # benchmarking
)
_IPV6_EXTRA = (
    _net("100::/64"),  # discard
    _net("2001:db8::/32"),  # documentation
    _net("2001:20::/28"),  # ORCHIDv2
    _net("3fff::/20"),  # documentation
    _net("5f00::/16"),  # segment routing
)
_IPV4_PRIVATE_USE = (_net("10.0.0.0/8"), _net("172.16.0.0/12"), _net("192.168.0.0/16"))


def parse_address(value: str | Address) -> Address:
    """An address object from a string (a zone id such as `%eth0` and brackets dropped)."""
    if isinstance(value, ipaddress.IPv4Address | ipaddress.IPv6Address):
        return value
    return ipaddress.ip_address(value.strip().strip("[]").split("%")[0])


def embedded_ipv4(ip: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv4-mapped or NAT64 (well-known prefix) address stands for."""
    if isinstance(ip, ipaddress.IPv6Address) and (ip in _IPV4_MAPPED or ip in _NAT64_WELL_KNOWN):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_loopback_address(value: str | Address) -> bool:
    """127.0.0.0/8, ::1, or 127.x written as an IPv4-mapped address."""
    ip = parse_address(value)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def is_forbidden_address(
    value: str | Address, *, allow_loopback: bool = False, allow_private: bool = False
) -> bool:
    """Whether connecting to this address could reach this machine or an internal network.

    `allow_loopback` lets this machine in (127.0.0.0/8, ::1, ::ffff:127.x); `allow_private`
    lets private-use networks in (10/8, 172.16/12, 192.168/16, fc00::/7). Link-local (cloud
    metadata), multicast, unspecified, reserved and documentation addresses never are.
    """
    ip = parse_address(value)
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        if inner is not None:
            # NAT64 translates on a gateway: its "127.0.0.1" or "10.x" is the gateway's own.
            nat64 = ip in _NAT64_WELL_KNOWN
            return is_forbidden_address(
                inner,
                allow_loopback=allow_loopback and not nat64,
                allow_private=allow_private and not nat64,
            )
        return _ipv6_forbidden(ip, allow_loopback=allow_loopback, allow_private=allow_private)
    return _ipv4_forbidden(ip, allow_loopback=allow_loopback, allow_private=allow_private)


def _ipv4_forbidden(
    ip: ipaddress.IPv4Address, *, allow_loopback: bool, allow_private: bool
) -> bool:
    if ip.is_loopback:
        return not allow_loopback
    if allow_private and any(ip in net for net in _IPV4_PRIVATE_USE):
        return False
    if ip.is_multicast or ip.is_link_local or ip.is_unspecified or ip.is_reserved:
        return True
    return not ip.is_global or any(ip in net for net in _IPV4_EXTRA)


def _ipv6_forbidden(
    ip: ipaddress.IPv6Address, *, allow_loopback: bool, allow_private: bool
) -> bool:
    if ip.is_loopback:
        return not allow_loopback
    if ip.is_unspecified or any(ip in net for net in _TUNNELS):
        return True
    if ip in _UNIQUE_LOCAL:
        return not allow_private
    if ip.is_multicast or ip.is_link_local or ip in _SITE_LOCAL or ip.is_reserved:
        return True
    return not ip.is_global or any(ip in net for net in _IPV6_EXTRA)


class _GuardedAdapter(IPFilterAdapter):
    """requests-hardened's adapter, then our rule on the address it pinned the connection to."""

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        pinned = host_params["host"]
        if is_forbidden_address(pinned, allow_loopback=self._allow_loopback):
            logger.warning("forbidden address address=%s url=%s", pinned, request.url)
            raise InvalidIPAddress(parse_address(pinned))
        return host_params, pool_kwargs


class _GuardedSession(HTTPSession):
    def __init__(self, config: Config, **kwargs):
        super().__init__(config, **kwargs)
        if config.ip_filter_enable:
            for prefix, https in (("http://", False), ("https://", True)):
                self.mount(
                    prefix,
                    _GuardedAdapter(
                        is_https_proto=https,
                        allow_loopback=config.ip_filter_allow_loopback_ips,
                        tls_sni_support=config.ip_filter_tls_sni_support,
                    ),
                )


class GuardedManager(Manager):
    """A drop-in `requests_hardened.Manager` whose sessions also apply `is_forbidden_address`."""

    __slots__ = ()

    def clone(self):
        return GuardedManager(config=copy(self.config))

    def get_session(self):
        return _GuardedSession(self.config)
