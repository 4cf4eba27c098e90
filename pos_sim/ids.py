"""Realistic identifiers and timestamps, shaped like the real server's.

Object ids are a prefix plus 30 upper-case alphanumerics (``STX_KJXJDUN542NR3WMRHRVU5WWM6ZQEA2``);
timestamps are ISO 8601 in German local time with the offset written out (``+01:00``/``+02:00``).
"""

from __future__ import annotations

import hashlib
import secrets
import string
from datetime import UTC, datetime, timedelta, timezone

_ID_ALPHABET = string.ascii_uppercase + string.digits
_ID_LENGTH = 30


def new_id(prefix: str) -> str:
    """A fresh random id, e.g. ``new_id("STX")`` → ``"STX_…"`` (30 characters after the prefix)."""
    return f"{prefix}_" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))


def stable_id(prefix: str, seed: str) -> str:
    """An id derived from ``seed``, the same on every run (demo data must not change on reset)."""
    digest = hashlib.sha256(f"{prefix}:{seed}".encode()).digest()
    return f"{prefix}_" + "".join(_ID_ALPHABET[byte % len(_ID_ALPHABET)] for byte in digest[:_ID_LENGTH])


def new_support_id() -> str:
    """The 32-hex ``supportId`` of an API error."""
    return secrets.token_hex(16)


def new_token(length: int = 26) -> str:
    """An opaque lower-case token like the server's access tokens (``qb56tjj1bcvo9n2nj4u38k84lo``)."""
    alphabet = string.ascii_lowercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


# A person reads the pairing code off the till's screen and types it into SecuOffice: no characters
# that look alike (0/o, 1/l/i).
USER_CODE_ALPHABET = "".join(c for c in string.ascii_lowercase + string.digits if c not in "0o1li")


def new_user_code(length: int = 8) -> str:
    """A device-pairing user code like the documented ``aa63q9k9``, without look-alike characters."""
    return "".join(secrets.choice(USER_CODE_ALPHABET) for _ in range(length))


def _last_sunday(year: int, month: int) -> datetime:
    """The last Sunday of ``month`` at 01:00 UTC (when the EU switches summer time)."""
    next_month = datetime(year + month // 12, month % 12 + 1, 1, 1, tzinfo=UTC)
    last_day = next_month - timedelta(days=1)
    return last_day - timedelta(days=(last_day.weekday() - 6) % 7)


def berlin_offset(moment: datetime) -> timedelta:
    """The UTC offset of Europe/Berlin at ``moment`` (an aware datetime).

    Computed from the EU rule (summer time from the last Sunday of March to the last Sunday of
    October, switching at 01:00 UTC) so the simulator needs no time zone database, which Windows
    installs lack.
    """
    utc = moment.astimezone(UTC)
    summer = _last_sunday(utc.year, 3) <= utc < _last_sunday(utc.year, 10)
    return timedelta(hours=2 if summer else 1)


def berlin_timestamp(moment: datetime | None = None) -> str:
    """``moment`` (default: now) as German local time, e.g. ``2020-09-17T09:18:14+02:00``."""
    utc = (moment or datetime.now(UTC)).astimezone(UTC)
    local = utc.astimezone(timezone(berlin_offset(utc)))
    return local.isoformat(timespec="seconds")
