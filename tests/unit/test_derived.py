"""PerObject: a value derived once per live object, shared, and gone with its owner."""

from __future__ import annotations

import gc
import threading

from dashboard.pack.derived import PerObject


class Owner:
    pass


def test_built_once_per_owner_and_kept():
    cache: PerObject[list[int]] = PerObject()
    calls: list[int] = []
    a, b = Owner(), Owner()

    def build(n: int) -> list[int]:
        calls.append(n)
        return [n]

    first = cache.get(a, lambda: build(1))
    assert cache.get(a, lambda: build(2)) is first == [1]
    assert cache.get(b, lambda: build(3)) == [3]
    assert calls == [1, 3]


def test_the_value_goes_with_its_owner():
    cache: PerObject[str] = PerObject()
    owner = Owner()
    cache.get(owner, lambda: "kept")
    assert len(cache._values) == 1
    del owner
    gc.collect()
    assert cache._values == {}


def test_threads_building_at_once_all_get_the_value_kept_first():
    cache: PerObject[object] = PerObject()
    owner = Owner()
    start = threading.Barrier(8)
    got: list[object] = []

    def worker() -> None:
        start.wait()
        got.append(cache.get(owner, object))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 8 and all(g is got[0] for g in got)
