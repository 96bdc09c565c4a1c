"""The validated-pack snapshot cache and the configurable per-file limit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.pack import limits, reading, snapshot
from dashboard.pack import load as load_module
from dashboard.pack.load import load_pack

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(folder))
    monkeypatch.delenv("DASHBOARD_CACHE", raising=False)
    return folder


@pytest.fixture
def pack(tmp_path) -> Path:
    out = tmp_path / "pack"
    shutil.copytree(FIXTURE, out)
    return out


def snapshots(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def no_parsing(monkeypatch) -> None:
    """Make any parse of a pack file fail the test: a result must come from the snapshot."""

    def refuse(*args, **kwargs):
        raise AssertionError("the pack was parsed, not read from the snapshot")

    monkeypatch.setattr(load_module, "read_file", refuse)


def test_snapshot_returns_an_equal_dataset_without_parsing(cache, pack, monkeypatch):
    plain = load_pack(pack, cache=False)
    assert plain.ok and not snapshots(cache)
    first = load_pack(pack, cache=True)
    assert first.ok and first.dataset == plain.dataset
    assert len(snapshots(cache)) == 1
    no_parsing(monkeypatch)
    again = load_pack(pack, cache=True)
    assert again.ok and again.problems == []
    assert again.dataset == plain.dataset
    assert again.dataset.counts() == plain.dataset.counts()
    assert again.dataset.reference_by_id.keys() == plain.dataset.reference_by_id.keys()


def test_snapshot_is_never_written_into_the_pack(cache, pack):
    before = sorted(p.name for p in pack.iterdir())
    load_pack(pack, cache=True)
    load_pack(pack, cache=True)
    assert sorted(p.name for p in pack.iterdir()) == before


def test_same_size_and_mtime_but_different_content_is_not_served_stale(cache, pack):
    first = load_pack(pack, cache=True)
    assert first.ok
    path = pack / "pack.yaml"
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    old_title = first.dataset.meta.title
    assert len(old_title) >= 2 and old_title in text
    new_title = old_title[::-1] if old_title[::-1] != old_title else old_title.swapcase()
    assert len(new_title.encode()) == len(old_title.encode())
    path.write_text(text.replace(old_title, new_title, 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    second = load_pack(pack, cache=True)
    assert second.ok
    assert second.dataset.meta.title == new_title
    assert second.dataset == load_pack(pack, cache=False).dataset


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b"",  # empty
        lambda b: b"\x00\xff" * 100,  # garbage
        lambda b: b.replace(b'"', b"'", 1),  # a flipped byte: the body's hash no longer matches
    ],
    ids=["truncated", "empty", "garbage", "flipped-byte"],
)
def test_a_corrupt_snapshot_falls_back_to_a_normal_load(cache, pack, damage):
    plain = load_pack(pack, cache=False)
    load_pack(pack, cache=True)
    (snap,) = snapshots(cache)
    snap.write_bytes(damage(snap.read_bytes()))
    result = load_pack(pack, cache=True)
    assert result.ok and result.dataset == plain.dataset
    (rewritten,) = snapshots(cache)  # replaced by a good one
    assert snapshot.read(rewritten.stem) == plain.dataset


def test_a_snapshot_that_validates_no_more_falls_back(cache, pack):
    """A well-formed snapshot whose content the models refuse (e.g. written by another version)."""
    plain = load_pack(pack, cache=False)
    key = snapshot.key_of({p.name: p.read_bytes() for p in pack.iterdir() if p.suffix in (".yaml", ".csv")})
    body = b'{"meta": 1}'
    cache.mkdir(parents=True)
    (cache / f"{key}.json").write_bytes(
        snapshot.MAGIC + snapshot.hashlib.sha256(body).hexdigest().encode() + b"\n\n" + body
    )
    result = load_pack(pack, cache=True)
    assert result.ok and result.dataset == plain.dataset


def _rewrite_snapshot(folder: Path, change) -> None:
    (snap,) = snapshots(folder)
    body = change(snap.read_bytes().partition(b"\n\n")[2])
    snap.write_bytes(snapshot.MAGIC + snapshot.hashlib.sha256(body).hexdigest().encode() + b"\n\n" + body)


def test_a_snapshot_still_gets_the_core_checks(cache, pack):
    """Types and constraints are checked again on reading: a credibility of 9 is refused."""
    plain = load_pack(pack, cache=False)
    load_pack(pack, cache=True)
    _rewrite_snapshot(cache, lambda b: b.replace(b'"credibility":5', b'"credibility":9', 1))
    assert b'"credibility":9' in snapshots(cache)[0].read_bytes()
    result = load_pack(pack, cache=True)
    assert result.ok and result.dataset == plain.dataset
    assert b'"credibility":9' not in snapshots(cache)[0].read_bytes()  # replaced by a good one


def test_the_python_checks_run_on_the_files_not_again_on_the_snapshot():
    """The plain-text rule refuses markup in a pack; a snapshot's text passed it when it was saved."""
    from pydantic import TypeAdapter, ValidationError

    from dashboard.pack.models import SNAPSHOT, Text

    text = TypeAdapter(Text)
    with pytest.raises(ValidationError, match="HTML markup is not allowed"):
        text.validate_python("<b>bold</b>")
    with pytest.raises(ValidationError, match="HTML markup is not allowed"):
        text.validate_python("<b>bold</b>", context={"other": True})
    assert text.validate_json('"<b>bold</b>"', context={SNAPSHOT: True}) == "<b>bold</b>"


def test_an_unreadable_cache_folder_is_not_an_error(tmp_path, pack, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(blocker / "cache"))
    assert snapshot.cache_dir() is None
    result = load_pack(pack, cache=True)
    assert result.ok and result.dataset == load_pack(pack, cache=False).dataset


def test_cache_off_by_environment(cache, pack, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CACHE", "0")
    assert load_pack(pack).ok
    assert not snapshots(cache)


BREAKAGES = {
    "syntax": ("references.yaml", lambda t: t + "\n  - : : [\n"),
    "dangling-reference": ("claims.yaml", lambda t: t.replace("    - ref-paper\n", "    - no-such-ref\n", 1)),
    "bad-field": ("pack.yaml", lambda t: t + "\nunexpected_field: 1\n"),
}


@pytest.mark.parametrize("kind", sorted(BREAKAGES))
def test_an_invalid_pack_has_the_same_problems_with_and_without_the_cache(cache, pack, kind):
    assert load_pack(pack, cache=True).ok  # a snapshot of the valid pack exists
    name, breaking = BREAKAGES[kind]
    path = pack / name
    path.write_text(breaking(path.read_text(encoding="utf-8")), encoding="utf-8")
    without = load_pack(pack, cache=False)
    assert not without.ok and without.problems
    with_cache = load_pack(pack, cache=True)
    again = load_pack(pack, cache=True)
    assert with_cache.problems == without.problems == again.problems
    assert [(p.file, p.line, p.field, p.message) for p in with_cache.problems] == [
        (p.file, p.line, p.field, p.message) for p in without.problems
    ]
    assert len(snapshots(cache)) == 1  # only the valid pack's


def test_gc_paused_restores_the_collector():
    import gc

    assert gc.isenabled()
    with snapshot.gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with snapshot.gc_paused():
            pass
        assert not gc.isenabled()  # left as it was
    finally:
        gc.enable()


# --------------------------------------------------------------------------
# --max-file-mb and DASHBOARD_MAX_FILE_MB
# --------------------------------------------------------------------------


def test_configured_limit_order(monkeypatch):
    monkeypatch.delenv(limits.MAX_FILE_MB_ENV, raising=False)
    assert limits.configured_max_file_bytes([]) == limits.DEFAULT_MAX_FILE_BYTES
    monkeypatch.setenv(limits.MAX_FILE_MB_ENV, "50")
    assert limits.configured_max_file_bytes([]) == 50 * 1024 * 1024
    assert limits.configured_max_file_bytes(["--max-file-mb", "7"]) == 7 * 1024 * 1024
    assert limits.configured_max_file_bytes(["--max-file-mb=0.5"]) == 512 * 1024
    for bad in ("0", "-1", "lots", "nan", "inf"):
        with pytest.raises(ValueError, match="positive number of megabytes"):
            limits.mb_to_bytes(bad)


def test_load_pack_default_limit_follows_the_environment(cache, pack, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["app.py"])
    monkeypatch.setenv(limits.MAX_FILE_MB_ENV, "0.001")  # about 1 KB: the fixture's files are larger
    result = load_pack(pack, cache=False)
    assert not result.ok
    assert any("is too large" in p.message for p in result.problems)
    monkeypatch.delenv(limits.MAX_FILE_MB_ENV)
    assert load_pack(pack, cache=False).ok


@pytest.fixture
def big_pack(pack) -> Path:
    """The fixture with references.yaml padded by comments to just over 5 MB: valid, but too large by default."""
    path = pack / "references.yaml"
    line = "# " + "x" * 98 + "\n"
    padding = line * (limits.DEFAULT_MAX_FILE_BYTES // len(line) + 10)
    path.write_text(path.read_text(encoding="utf-8") + padding, encoding="utf-8")
    assert path.stat().st_size > limits.DEFAULT_MAX_FILE_BYTES
    return pack


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("DASHBOARD_DATA_DIR", limits.MAX_FILE_MB_ENV)}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, cwd=ROOT, env=full_env, timeout=300
    )


def test_cli_refuses_a_file_over_5_mb_by_default_and_says_how_to_allow_it(big_pack):
    proc = run_cli("validate", str(big_pack))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "references.yaml" in proc.stdout and "is too large" in proc.stdout
    assert "--max-file-mb" in proc.stderr and limits.MAX_FILE_MB_ENV in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_max_file_mb_flag_and_environment_allow_a_big_pack(big_pack, tmp_path):
    proc = run_cli("validate", str(big_pack), "--max-file-mb", "8")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "valid" in proc.stdout
    proc = run_cli("validate", str(big_pack), env={limits.MAX_FILE_MB_ENV: "8"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = tmp_path / "pack.json"
    proc = run_cli("export", "--data", str(big_pack), "--out", str(out), "--max-file-mb", "8")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.stat().st_size > 0
    proc = run_cli("export", "--data", str(big_pack), "--out", str(out))
    assert proc.returncode == 1 and "is too large" in proc.stdout


def test_cli_rejects_a_bad_limit(pack):
    proc = run_cli("validate", str(pack), "--max-file-mb", "-3")
    assert proc.returncode == 2 and "--max-file-mb must be a positive number" in proc.stderr
    proc = run_cli("validate", str(pack), env={limits.MAX_FILE_MB_ENV: "many"})
    assert proc.returncode == 2 and f"{limits.MAX_FILE_MB_ENV} must be a positive number" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_reading_module_still_exposes_the_checked_path():
    # The snapshot never replaces the line-tracking path; the loader still reads through it.
    assert callable(reading.read_file) and load_module.read_file is reading.read_file
