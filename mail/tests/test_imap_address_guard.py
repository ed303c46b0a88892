"""The IMAP address check uses the shared rule: no tunnel or embedded route to an internal host."""

import pytest

from mail.imap_connect import ImapRefused, check_host_allowed


@pytest.mark.parametrize(
    "host",
    [
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b:1::a00:1",  # NAT64 local use
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2001::1",  # Teredo
        "fec0::1",  # site-local
        "::ffff:0:a00:1",  # IPv4-translated 10.0.0.1
        "::7f00:1",  # IPv4-compatible 127.0.0.1
        "ff02::1",
        "fe80::1",
        "::",
    ],
)
def test_tunnel_and_embedded_internal_addresses_are_refused(host, settings):
    settings.HTTP_ALLOW_LOOPBACK = False
    settings.IMAP_ALLOW_LOOPBACK = True
    settings.IMAP_ALLOW_PRIVATE = True
    with pytest.raises(ImapRefused, match="local or private address"):
        check_host_allowed(host)


def test_public_nat64_and_mapped_addresses_are_allowed(settings):
    assert check_host_allowed("64:ff9b::5db8:d822") == ["64:ff9b::5db8:d822"]
    assert check_host_allowed("::ffff:93.184.216.34") == ["::ffff:93.184.216.34"]


def test_unique_local_only_with_imap_allow_private(settings):
    settings.HTTP_ALLOW_LOOPBACK = False
    with pytest.raises(ImapRefused, match="local or private address"):
        check_host_allowed("fd00::25")
    settings.IMAP_ALLOW_PRIVATE = True
    assert check_host_allowed("fd00::25") == ["fd00::25"]
