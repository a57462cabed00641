"""Who a reader is, for one day only, without cookies and without keeping their address.

A visitor is a keyed hash of their IP address and user agent. The key (the salt) is
random, made once per UTC day and shared by the workers through the cache; it is never
written next to an address or a hash, and it expires after two days, after which no one
can tell whose hash is whose. IP addresses themselves are never stored.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from django.core.cache import cache

SALT_SECONDS = 2 * 24 * 60 * 60
_salts: dict[date, bytes] = {}  # this process's copy: one cache read per day


def daily_salt(day: date) -> bytes:
    salt = _salts.get(day)
    if salt is None:
        key = f"analytics:salt:{day.isoformat()}"
        # add() is first-writer-wins, so every worker ends up with the same salt.
        cache.add(key, secrets.token_hex(16), SALT_SECONDS)
        salt = bytes.fromhex(cache.get(key))
        _salts.clear()  # yesterday's salt is forgotten in this process at once
        _salts[day] = salt
    return salt


def forget_salts() -> None:
    _salts.clear()


def _hash(salt: bytes, *parts: str) -> str:
    return hashlib.blake2b("\n".join(parts).encode(), key=salt, digest_size=16).hexdigest()


def visitor_id(ip: str, user_agent: str, day: date) -> str:
    return _hash(daily_salt(day), "visitor", ip, user_agent)


def client_id(ip: str, day: date) -> str:
    """The address alone, hashed: what rate limiting counts per."""
    return _hash(daily_salt(day), "client", ip)
