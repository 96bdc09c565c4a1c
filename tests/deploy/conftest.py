"""The two deployments every test in this folder shares: deploy/serve.sh (nginx in front of two
replicas) with the talk store in SQLite, and with it in a real redis-server. Each is started when a
test first asks for it and stopped at the end of the run.

A test may kill a replica and leave it dead: the next test that asks for the deployment gets it with
every replica serving again (``Deployment.healed``, serve.sh's SIGUSR1). The test marked
``stops_deployment`` (serve.sh's SIGTERM) runs after every other test here. The folder is one
xdist group (tests/conftest.py), so one process holds the deployments and runs these tests in order.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import Deployment, serve

from redis_server import redis_server

HERE = Path(__file__).resolve().parent


def _deployment(tmp_path_factory: pytest.TempPathFactory, store: str) -> Iterator[Deployment]:
    work = tmp_path_factory.mktemp(f"serve-{store}")
    env = dict(os.environ, DASHBOARD_STATE_DIR=str(work / "state"))
    env.pop("DASHBOARD_STORE", None)
    with redis_server(work) if store == "redis" else contextlib.nullcontext() as redis_url:
        if redis_url:
            env["DASHBOARD_STORE"] = redis_url
        with serve(work, env) as dep:
            yield dep


@pytest.fixture(scope="session")
def sqlite_deployment(tmp_path_factory) -> Iterator[Deployment]:
    yield from _deployment(tmp_path_factory, "sqlite")


@pytest.fixture(scope="session")
def redis_deployment(tmp_path_factory) -> Iterator[Deployment]:
    yield from _deployment(tmp_path_factory, "redis")


@pytest.fixture(params=["sqlite", "redis"])
def deployment(request) -> Deployment:
    """The deployment over each talk store, with every replica serving."""
    return request.getfixturevalue(f"{request.param}_deployment").healed()


@pytest.hookimpl(trylast=True)  # after pytest and tests/conftest.py have ordered the items
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked ``stops_deployment`` after the other tests of this folder (the rest keep their order)."""
    slots = [n for n, item in enumerate(items) if HERE in Path(str(item.path)).resolve().parents]
    ours = sorted((items[n] for n in slots), key=lambda item: bool(item.get_closest_marker("stops_deployment")))
    for n, item in zip(slots, ours):
        items[n] = item
