"""A throw-away PostgreSQL server for the replication tests: initdb into a temporary folder, start
``postgres`` on a free loopback port, stop it and delete the folder at the end.

No system service is used or needed: only the server binaries of Debian's ``postgresql`` package
(``make test`` installs it once, see the Makefile's ``postgresql`` target). PostgreSQL refuses to
run as root, so under root (CI, containers) the server runs as the package's ``postgres`` user
(or ``nobody`` when that user is missing). The server trusts every loopback connection and runs
without fsync: it holds test data only.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "pos_test"
STARTUP_TIMEOUT_S = 30.0


class PostgresUnavailable(RuntimeError):
    """The server binaries are missing, or the server did not start (the message says why)."""


def find_server_binaries() -> Path:
    """The folder of ``initdb`` and ``postgres``: ``$POS_GUI_PG_BINDIR``, else Debian's newest
    ``/usr/lib/postgresql/<version>/bin``, else wherever ``initdb`` is on the ``PATH``."""
    configured = os.environ.get("POS_GUI_PG_BINDIR")
    if configured:
        return Path(configured)

    def version_of(folder: str) -> int:
        name = Path(folder).parent.name
        return int(name) if name.isdigit() else 0

    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version_of, reverse=True)
    for folder in debian:
        if (Path(folder) / "postgres").exists() and (Path(folder) / "initdb").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    if initdb is not None:
        return Path(initdb).resolve().parent
    raise PostgresUnavailable(
        "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin, no initdb on PATH): "
        "run `make postgresql` as root, or `apt-get install postgresql`"
    )


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class PostgresServer:
    """One running server; :meth:`dsn` names a database on it."""

    folder: Path
    port: int
    process: subprocess.Popen[bytes]
    run_as: pwd.struct_passwd | None
    databases: list[str] = field(default_factory=list)

    def dsn(self, dbname: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname={dbname} connect_timeout=5"

    def create_database(self, name: str) -> str:
        """A new, empty database; returns its DSN."""
        import psycopg

        with psycopg.connect(self.dsn(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        self.databases.append(name)
        return self.dsn(name)

    def log(self) -> str:
        log_file = self.folder / "server.log"
        return log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""

    def stop(self) -> None:
        """Fast shutdown (SIGINT: roll back open transactions, close connections), then delete."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


def _unprivileged_user() -> pwd.struct_passwd | None:
    """``None`` when not root; else the ``postgres`` user (from the package), else ``nobody``."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise PostgresUnavailable("running as root and neither a 'postgres' nor a 'nobody' user exists")


def start_server() -> PostgresServer:
    """initdb a new cluster in a temporary folder and start it; raises :class:`PostgresUnavailable`."""
    binaries = find_server_binaries()
    run_as = _unprivileged_user()
    # Directly under the temp root (mode 1777), not under pytest's per-user 0700 folder, which
    # the unprivileged server user could not enter.
    folder = Path(tempfile.mkdtemp(prefix="pos-gui-postgres-"))
    data = folder / "data"
    user_options: dict[str, int] = {}
    if run_as is not None:
        os.chown(folder, run_as.pw_uid, run_as.pw_gid)
        user_options = {"user": run_as.pw_uid, "group": run_as.pw_gid}
    environment = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    initdb = subprocess.run(
        [str(binaries / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
         "--no-locale", "--no-sync"],
        capture_output=True, text=True, cwd=folder, env=environment, check=False, **user_options,
    )  # fmt: skip
    if initdb.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise PostgresUnavailable(f"initdb failed ({initdb.returncode}): {initdb.stderr.strip()}")
    for attempt in range(3):
        port = _free_loopback_port()
        log = open(folder / "server.log", "ab")  # noqa: SIM115 (the server keeps writing it)
        process = subprocess.Popen(
            [str(binaries / "postgres"), "-D", str(data), "-p", str(port), "-k", str(folder),
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
             "-c", "full_page_writes=off", "-c", "max_connections=100"],
            stdout=log, stderr=subprocess.STDOUT, cwd=folder, env=environment, **user_options,
        )  # fmt: skip
        log.close()
        server = PostgresServer(folder, port, process, run_as)
        if _wait_until_ready(server):
            return server
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        if "could not bind" not in server.log() or attempt == 2:
            message = server.log()[-2000:]
            shutil.rmtree(folder, ignore_errors=True)
            raise PostgresUnavailable(f"postgres did not start on port {port}:\n{message}")
    raise AssertionError("unreachable")


def _wait_until_ready(server: PostgresServer) -> bool:
    import psycopg

    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            with psycopg.connect(server.dsn(), connect_timeout=2):
                return True
        except psycopg.OperationalError:
            time.sleep(0.1)
    return False
