"""How often one reader sends something, counted in fixed windows in the shared cache:
per network (a salted hash of its /24 or /64, never the address itself) or per any other
value (an email address). Each app has its own `Throttle`, so its counts and its network
hashes are its own."""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.crypto import salted_hmac


@dataclass(frozen=True)
class Throttle:
    name: str  # the app's: in its cache keys and its network hashes' salt

    def client_hash(self, ip: str) -> str:
        """A salted hash of the reader's network (/24 or /64); "" for no address."""
        try:
            address = ipaddress.ip_address(ip)
        except ValueError:
            return ""
        prefix = 24 if address.version == 4 else 64
        network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
        return salted_hmac(f"newsdesk.{self.name}.client", str(network)).hexdigest()[:32]

    def count(self, scope: str, value: str, seconds: int) -> int:
        """One more in this window for `value`: the number so far, this one included."""
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        key = f"newsdesk:{self.name}:rate:{scope}:{digest}"
        cache.add(key, 0, seconds)  # starts the window; a no-op while one is open
        try:
            return cache.incr(key)
        except ValueError:  # the window closed between add and incr
            cache.set(key, 1, seconds)
            return 1
