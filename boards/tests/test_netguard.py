"""The shared address rule (jobtracker.netguard) and the HTTP guard that applies it."""

import pytest

from boards import http
from jobtracker.netguard import is_forbidden_address

FORBIDDEN = [
    # IPv4
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # carrier-grade NAT
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "240.0.0.1",
    "192.88.99.1",
    # IPv6 natives
    "::",
    "fe80::1",
    "fe80::1%eth0",
    "fec0::1",  # site-local
    "fc00::1",
    "fd12:3456::1",  # unique-local
    "ff02::1",  # multicast
    "2001:db8::1",
    "2001::1",  # Teredo
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo carrying a public server
    # IPv4 embedded: mapped, translated, compatible, NAT64, 6to4
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::ffff:0:10.0.0.1",  # IPv4-translated
    "::ffff:0:127.0.0.1",
    "::ffff:0:8.8.8.8",
    "::10.0.0.1",  # IPv4-compatible
    "::127.0.0.1",
    "::8.8.8.8",
    "64:ff9b::10.0.0.1",  # NAT64 well-known prefix
    "64:ff9b::127.0.0.1",
    "64:ff9b::169.254.169.254",
    "64:ff9b:1::a00:1",  # NAT64 local use
    "64:ff9b:1::808:808",
    "2002:a00:1::1",  # 6to4 of 10.0.0.1
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:808:808::1",  # 6to4 of 8.8.8.8: a relay we do not control
]

ALLOWED = ["8.8.8.8", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8"]


@pytest.mark.parametrize("address", FORBIDDEN)
def test_internal_and_tunnel_addresses_are_forbidden(address):
    assert is_forbidden_address(address)


@pytest.mark.parametrize("address", FORBIDDEN)
def test_loopback_switch_lets_no_other_address_through(address):
    assert is_forbidden_address(address, allow_loopback=True)


@pytest.mark.parametrize("address", ALLOWED)
def test_public_addresses_are_allowed(address):
    assert not is_forbidden_address(address)


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.9.1", "::1", "::ffff:127.0.0.1"])
def test_loopback_only_with_the_switch(address):
    assert is_forbidden_address(address)
    assert not is_forbidden_address(address, allow_loopback=True)


@pytest.mark.parametrize("address", ["10.1.2.3", "192.168.0.9", "fd00::5", "::ffff:10.1.2.3"])
def test_private_use_networks_only_with_the_private_switch(address):
    assert is_forbidden_address(address)
    assert not is_forbidden_address(address, allow_private=True)


@pytest.mark.parametrize(
    "address", ["169.254.169.254", "fe80::1", "fec0::1", "64:ff9b::10.1.2.3", "100.64.0.1"]
)
def test_private_switch_never_reaches_link_local_or_through_nat64(address):
    assert is_forbidden_address(address, allow_private=True, allow_loopback=True)


@pytest.mark.parametrize(
    "host",
    ["[fec0::1]", "[::ffff:0:7f00:1]", "[::7f00:1]", "[fec0::ffff:1]", "[::ffff:0:a00:1]"],
)
def test_the_http_guard_refuses_site_local_and_translated_addresses(host, settings):
    settings.HTTP_ALLOW_LOOPBACK = True  # even with this machine allowed
    settings.HTTP_CONNECT_TIMEOUT = 0.5
    with pytest.raises(http.BlockedAddress):
        http.get(f"http://{host}:9/", retries=0)


def test_the_http_guard_still_reaches_loopback_when_allowed(http_server):
    http_server.route("/ok", body="fine")
    assert http.get(http_server.url + "/ok", retries=0).text == "fine"
