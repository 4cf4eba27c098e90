"""Armed faults: the tests' handle to make the next matching request slow, fail or vanish.

A fault matches a method and a path pattern in which ``*`` stands for exactly one path segment
and a final ``**`` for any rest of the path (case-insensitive), and fires for the next ``count``
matching requests. The admin endpoints (``/_sim/``) are never matched by a ``**`` pattern: the
demo's "Server nicht erreichbar" arms ``/**``-style faults and must still be able to reset.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from typing import Any, Literal, cast

FaultKind = Literal["latency", "status", "drop_before", "drop_after", "malformed"]
FAULT_KINDS: tuple[str, ...] = ("latency", "status", "drop_before", "drop_after", "malformed")


@dataclass
class Fault:
    """One armed fault.

    Attributes:
        method: the HTTP method to match (``"*"`` matches any).
        path: the path pattern, e.g. ``/api/v2/Smart/Transactions/*/start/cash``.
        fault: ``latency`` (wait, then process), ``status`` (answer ``status`` without
            processing), ``drop_before`` (close the connection without processing),
            ``drop_after`` (process, then close without answering), ``malformed`` (process, then
            answer 200 with a body that is not JSON).
        latency_ms: the wait of a latency fault.
        status: the HTTP status of a status fault.
        count: how many more requests it fires for.
    """

    method: str
    path: str
    fault: FaultKind
    latency_ms: int = 0
    status: int = 503
    count: int = 1

    def matches(self, method: str, path: str) -> bool:
        if self.method != "*" and self.method.upper() != method.upper():
            return False
        return path_matches(self.path, path)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# A last pattern segment that stands for whatever follows (none, one or many segments).
ANY_REST = "**"
ADMIN_PREFIX = "_sim"


def path_matches(pattern: str, path: str) -> bool:
    """Whether ``path`` fits ``pattern``; ``*`` is one whole segment, a final ``**`` any rest
    (but never an admin path), case is ignored."""
    pattern_parts = pattern.strip("/").lower().split("/")
    path_parts = path.strip("/").lower().split("/")
    if pattern_parts[-1] == ANY_REST:
        # A wildcard fault means "the server's API is down"; the admin endpoints stay usable.
        if path_parts[0] == ADMIN_PREFIX:
            return False
        head = pattern_parts[:-1]
        if len(path_parts) < len(head):
            return False
        path_parts = path_parts[: len(head)]
        pattern_parts = head
    if len(pattern_parts) != len(path_parts):
        return False
    return all(want in ("*", got) for want, got in zip(pattern_parts, path_parts, strict=True))


def parse_fault(data: Any) -> Fault:
    """Build a fault from the admin endpoint's JSON; raises ``ValueError`` with the reason."""
    if not isinstance(data, dict):
        raise ValueError("a fault is a JSON object")
    kind = data.get("fault")
    if kind not in FAULT_KINDS:
        raise ValueError(f"fault must be one of {', '.join(FAULT_KINDS)}")
    path = data.get("path")
    if not isinstance(path, str) or not path.startswith("/"):
        raise ValueError("path must be an absolute path, e.g. /api/v2/Smart/Transactions/*/start/cash")
    method = data.get("method", "*")
    numbers = {}
    for name, default in (("latency_ms", 0), ("status", 503), ("count", 1)):
        value = data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a non-negative integer")
        numbers[name] = value
    if not isinstance(method, str):
        raise ValueError("method must be a string")
    if numbers["count"] < 1:
        raise ValueError("count must be at least 1")
    if kind == "status" and not 100 <= numbers["status"] <= 599:
        raise ValueError("status must be an HTTP status code")
    return Fault(method=method, path=path, fault=cast(FaultKind, kind), **numbers)


class FaultBoard:
    """The armed faults, thread-safe; :meth:`take` consumes one firing of the first match."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def arm(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def armed(self) -> list[Fault]:
        with self._lock:
            return [Fault(**fault.as_dict()) for fault in self._faults]

    def take(self, method: str, path: str) -> Fault | None:
        """The first armed fault matching this request, with one firing used up (or ``None``)."""
        with self._lock:
            for fault in self._faults:
                if fault.count > 0 and fault.matches(method, path):
                    fault.count -= 1
                    fired = Fault(**fault.as_dict())
                    if fault.count == 0:
                        self._faults.remove(fault)
                    return fired
        return None
