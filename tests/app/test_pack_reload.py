"""The app's pack (``app.pack.load_default``): the same object while its files are unchanged, a new
one as soon as one of them changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from dashboard.app.pack import load_default
from packs import MINIMAL_DIR


def test_an_unchanged_pack_is_one_object_and_an_edited_file_gives_a_new_one(monkeypatch, tmp_path: Path):
    pack = tmp_path / "pack"
    shutil.copytree(MINIMAL_DIR, pack)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(pack))
    first = load_default()
    assert first.ok and first.dataset is not None
    assert load_default() is first

    meta = pack / "pack.yaml"
    text = meta.read_text(encoding="utf-8")
    old_title = first.dataset.meta.title
    assert f"title: {old_title}" in text, "the fixture names its title on one line"
    meta.write_text(text.replace(f"title: {old_title}", f"title: {old_title} (edited)"), encoding="utf-8")
    edited = load_default()
    assert edited is not first
    assert edited.dataset is not None and edited.dataset.meta.title == f"{old_title} (edited)"
    assert load_default() is edited


def test_another_directory_is_another_pack(monkeypatch, tmp_path: Path):
    for name in ("a", "b"):
        shutil.copytree(MINIMAL_DIR, tmp_path / name)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "a"))
    a = load_default()
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "b"))
    b = load_default()
    assert a.dataset is not None and b.dataset is not None
    assert b is not a and b.dataset.meta == a.dataset.meta
