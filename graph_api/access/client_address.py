"""The client's address: the peer's, or from X-Forwarded-For when the peer is a configured trusted proxy.

Guests of one address share a page budget, so the address must not be the caller's to choose: a forwarded
header from anyone but a trusted proxy is ignored. IPv6 clients are counted by their /64 (one subscriber).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(setting: str) -> tuple[Network, ...]:
    """'10.0.0.1, 172.16.0.0/12' -> networks; ValueError naming the bad entry."""
    found: list[Network] = []
    for part in (p.strip() for p in setting.split(",")):
        if part:
            try:
                found.append(ipaddress.ip_network(part, strict=False))
            except ValueError as exc:
                raise ValueError(f"TRUSTED_PROXIES: {part!r} is not an address or network") from exc
    return tuple(found)


def _parsed(raw: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(raw.strip().strip("[]"))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def bucket(address: str) -> str:
    """The unit an address budget counts: the IPv4 address, or the IPv6 /64."""
    parsed = _parsed(address)
    if parsed is None:
        return address[:64] or "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        mapped = parsed.ipv4_mapped
        if mapped is not None:
            return str(mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


def client_address(peer: str, forwarded_for: str | None, trusted: tuple[Network, ...]) -> str:
    """The rightmost address not a trusted proxy, walking X-Forwarded-For back from a trusted peer."""
    if not trusted or not forwarded_for:
        return peer
    current = peer
    hops = [h for h in (x.strip() for x in forwarded_for.split(",")) if h]
    while True:
        parsed = _parsed(current)
        if parsed is None or not any(parsed in net for net in trusted) or not hops:
            return current
        current = hops.pop()
