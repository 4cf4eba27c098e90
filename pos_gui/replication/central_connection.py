"""How the till reaches the central database: the DSN, its password from the key store, TLS.

Store IT gives the till a DSN *without* the password (``host=central.example dbname=pos
user=till_12``); the password is kept in the till's key store under :data:`CENTRAL_DB_PASSWORD`
(``pos-gui central init --save-password`` puts it there), so it never sits in a settings file or
a shell history. A connection to any host but this machine is encrypted: without an ``sslmode``
the till asks for ``require``; a DSN that allows plain text to another host is refused.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import psycopg

# The secret's name in the till's key store (pos_gui.config.secrets.SecretStore).
CENTRAL_DB_PASSWORD: Final = "central_db_password"

# libpq's sslmodes that never send anything in plain text.
ENCRYPTED_SSLMODES: Final = frozenset({"require", "verify-ca", "verify-full"})

# How long a connection attempt may take before the replicator backs off and tries again.
CONNECT_TIMEOUT_S: Final = 10


class InsecureCentralConnection(ValueError):
    """The DSN would send data (and the password) unencrypted to another machine."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine: empty (libpq's default socket), a socket folder, localhost or a
    loopback address. Every host in a multi-host DSN must be."""
    for one in host.split(","):
        name = one.strip()
        if not name or name.startswith("/") or name.lower() == "localhost":
            continue
        try:
            if ipaddress.ip_address(name).is_loopback:
                continue
        except ValueError:
            pass
        return False
    return True


def connection_string(dsn: str, password: str | None = None) -> str:
    """The DSN as the till connects with it: TLS required off this machine, the key store's password.

    Args:
        dsn: libpq connection string or URI from store IT (``host=... dbname=... user=...``).
        password: from the key store; used only when the DSN carries none.

    Raises:
        InsecureCentralConnection: a non-loopback host with ``sslmode`` disable, allow or prefer.
        psycopg.ProgrammingError: the DSN cannot be parsed.
    """
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    parameters = conninfo_to_dict(dsn)
    host = str(parameters.get("host") or parameters.get("hostaddr") or "")
    if not is_loopback(host):
        sslmode = str(parameters.get("sslmode") or "")
        if not sslmode:
            parameters["sslmode"] = "require"
        elif sslmode not in ENCRYPTED_SSLMODES:
            raise InsecureCentralConnection(
                f"sslmode={sslmode} to {host} could send the ledger and the password unencrypted; "
                "use sslmode=require, verify-ca or verify-full"
            )
    if password and not parameters.get("password"):
        parameters["password"] = password
    parameters.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    parameters.setdefault("application_name", "pos-gui replication")
    return make_conninfo("", **parameters)


def without_password(dsn: str) -> str:
    """The DSN for messages and logs: the password left out."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    parameters = conninfo_to_dict(dsn)
    parameters.pop("password", None)
    return make_conninfo("", **parameters)


def connector(dsn: str, password_lookup: Callable[[], str | None]) -> Callable[[], psycopg.Connection]:
    """A function that opens a new connection to the central database (the replicator's seam).

    The password is looked up at every connect, so a password store IT changes in the key store
    is used from the next reconnect on, without a restart.
    """

    def connect() -> psycopg.Connection:
        import psycopg

        return psycopg.connect(connection_string(dsn, password_lookup()))

    return connect
