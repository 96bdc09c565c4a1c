"""Results kept per pack and key (``app.memo``): built once, shared, the most recent kept, a failed
build not kept."""

from __future__ import annotations

import threading
import time

import pytest

from dashboard.app import memo as memo_mod
from dashboard.app.memo import _Kept, memo, pack_token
from dashboard.pack.dataset import Dataset


def test_a_key_is_built_once_and_the_same_object_is_returned(mini: Dataset):
    calls: list[int] = []

    def build() -> dict:
        calls.append(1)
        return {"rows": [1, 2, 3]}

    key = ("test-memo-once", time.time_ns())
    first = memo(mini, key, build)
    second = memo(mini, key, build)
    assert first == {"rows": [1, 2, 3]}
    assert second is first
    assert calls == [1]


def test_keys_differ_by_pack_and_by_key(mini: Dataset, shipped: Dataset):
    assert pack_token(mini) != pack_token(shipped)
    key = ("test-memo-packs", time.time_ns())
    assert memo(mini, key, lambda: "mini") == "mini"
    assert memo(shipped, key, lambda: "shipped") == "shipped"
    assert memo(mini, (*key, "other"), lambda: "other") == "other"
    assert memo(mini, key, lambda: "not built again") == "mini"


def test_the_most_recently_used_entries_are_kept():
    kept = _Kept(3)
    for name in "abc":
        kept.get(("p", name), lambda name=name: name.upper())
    assert kept.get(("p", "a"), lambda: "rebuilt") == "A"  # used again: now the most recent
    kept.get(("p", "d"), lambda: "D")  # over the limit: the least recently used ("b") goes
    assert list(kept.items) == [("p", "c"), ("p", "a"), ("p", "d")]
    assert kept.get(("p", "b"), lambda: "rebuilt") == "rebuilt"


def test_a_failed_build_is_not_kept_and_the_next_call_builds_again():
    kept = _Kept(8)

    def fails() -> str:
        raise ValueError("broken pack")

    with pytest.raises(ValueError, match="broken pack"):
        kept.get(("p", "k"), fails)
    assert ("p", "k") not in kept.items and kept.building == {}
    assert kept.get(("p", "k"), lambda: "made") == "made"


def test_sessions_asking_at_once_share_one_build():
    kept = _Kept(8)
    started = threading.Event()
    release = threading.Event()
    calls: list[int] = []

    def slow() -> list[int]:
        calls.append(1)
        started.set()
        release.wait(10)
        return [42]

    results: list[object] = []
    first = threading.Thread(target=lambda: results.append(kept.get(("p", "slow"), slow)))
    first.start()
    assert started.wait(10)
    others = [threading.Thread(target=lambda: results.append(kept.get(("p", "slow"), slow))) for _ in range(3)]
    for t in others:
        t.start()
    # Another key is not held up by the slow one.
    assert kept.get(("p", "fast"), lambda: "fast") == "fast"
    release.set()
    for t in [first, *others]:
        t.join(10)
    assert calls == [1]
    assert len(results) == 4 and all(r is results[0] for r in results)
    assert results[0] == [42]


def test_the_shared_store_is_bounded():
    assert memo_mod._kept.max_entries == memo_mod.MAX_ENTRIES == 512
