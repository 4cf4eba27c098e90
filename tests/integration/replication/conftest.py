"""Fixtures for the replication tests: one real PostgreSQL server for the session, a fresh database
per test.

The server is started by the suite itself (``postgres_server.start_server``): initdb into a temp
folder, a free loopback port, stopped and deleted at the end. It is never skipped in CI
(``CI=true``): a server that cannot start fails every test here loudly. On a developer's machine
without the server binaries the tests are skipped with the command that installs them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from tests.integration.replication.postgres_server import PostgresServer, PostgresUnavailable, start_server


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        server = start_server()
    except PostgresUnavailable as error:
        if _in_ci():
            pytest.fail(f"PostgreSQL for the replication tests could not start: {error}", pytrace=False)
        pytest.skip(f"no PostgreSQL for the replication tests: {error}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def central_dsn(postgres_server: PostgresServer) -> str:
    """The DSN of a new, empty database: the chain's central database for this test."""
    return postgres_server.create_database(f"central_{uuid.uuid4().hex[:12]}")
