"""The store suite runs against every backend: ``store`` and ``store_url`` are parametrised over SQLite and
a real, throwaway PostgreSQL 15 cluster (pytest-postgresql's executor: initdb into a temp folder, pg_ctl on
loopback, removed at the end of the session). Each Postgres test gets a database of its own.

PostgreSQL refuses to run as root; when the tests run as root (CI containers do), the cluster runs as the
``postgres`` OS user (the Debian package creates it; .ci/run makes sure), through a two-line wrapper
around pg_ctl, in a folder that user owns. A missing ``pg_ctl`` fails the Postgres tests, never skips them.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import port_for
import psycopg
import pytest
from pytest_postgresql.executors import PostgreSQLExecutor

from newsweave.store import Store, open_store

PG_CTL_FALLBACK = "/usr/lib/postgresql/15/bin/pg_ctl"
BACKENDS = ("sqlite", "postgres")
_databases = itertools.count(1)


def _pg_ctl(folder: Path) -> str:
    """pg_ctl to start the cluster with: itself, or (as root) a wrapper running it as ``postgres``."""
    found = shutil.which("pg_ctl") or (PG_CTL_FALLBACK if Path(PG_CTL_FALLBACK).exists() else None)
    if found is None:
        pytest.fail("PostgreSQL server binaries are missing (no pg_ctl): apt-get install postgresql-15")
    if os.geteuid() != 0:
        return found
    try:
        owner = pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("running as root, and there is no 'postgres' OS user to run the test cluster as")
    os.chown(folder, owner.pw_uid, owner.pw_gid)
    wrapper = folder / "pg_ctl-as-postgres"
    wrapper.write_text(f'#!/bin/sh\nexec runuser -u postgres -- "{found}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return str(wrapper)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgreSQLExecutor]:
    """A PostgreSQL cluster for this test session, on loopback, in a temp folder removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="newsweave-pg-"))
    folder.chmod(0o755)
    executable = _pg_ctl(folder)
    server = PostgreSQLExecutor(
        executable=executable,
        host="127.0.0.1",
        port=port_for.select_random(),
        datadir=str(folder / "data"),
        unixsocketdir=str(folder),
        logfile=str(folder / "postgresql.log"),
        startparams="-w",
        dbname="postgres",
    )
    try:
        server.start()
        server.wait_for_postgres()
        yield server
    finally:
        if server.running():
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgreSQLExecutor) -> Iterator[str]:
    """The URL of a fresh, empty database on the session's cluster."""
    name = f"newsweave_test_{next(_databases)}"
    base = f"postgresql://{postgres_server.user}@{postgres_server.host}:{postgres_server.port}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield f"{base}/{name}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store lives, for each backend: an SQLite file, or a fresh Postgres database."""
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "news.db")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An empty store on each backend (this overrides the in-memory store of tests/conftest.py)."""
    with open_store(store_url) as opened:
        yield opened
