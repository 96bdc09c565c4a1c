"""The sidebar's "Use your own data pack": a broken upload lists its problems and changes
nothing; a valid one replaces the shipped pack for the session; reset brings it back."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from dashboard.pack.dataset import Dataset

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
FILES = {p.name: p.read_bytes() for p in sorted(FIXTURE.iterdir())}
MINIMAL_TECHNIQUES = ["AI Debate", "RLHF"]


@pytest.fixture(autouse=True)
def _shipped(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)


def _run(at: AppTest) -> AppTest:
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _start() -> AppTest:
    return _run(AppTest.from_file(APP, default_timeout=60))


def _upload(at: AppTest, files: dict[str, bytes] | list[tuple[str, bytes]], nonce: int = 0) -> AppTest:
    items = files.items() if isinstance(files, dict) else files
    at.file_uploader(key=f"upload-files-{nonce}").set_value([(n, b, "application/octet-stream") for n, b in items])
    return _run(at)


def _technique_options(at: AppTest) -> list[str]:
    return list(at.sidebar.multiselect(key="tech").options)


def _shipped_options(shipped: Dataset) -> list[str]:
    return sorted(shipped.technique_by_id[t.id].name for t in shipped.techniques)


def _about(at: AppTest) -> str:
    return " ".join(c.value for c in at.sidebar.caption).replace("\\", "")


def test_the_control_sits_in_the_sidebar_closed_with_nothing_uploaded(shipped):
    at = _start()
    labels = [e.label for e in at.sidebar.expander]
    # below the view's link and "Present and download", which sit near the top of the sidebar
    assert labels.index("Use your own data pack") > labels.index("Link to this view")
    uploader = at.file_uploader(key="upload-files-0")
    assert uploader.accept_multiple_files
    assert sorted(uploader.allowed_type) == [".csv", ".yaml", ".yml", ".zip"]
    assert all(b.key != "upload-reset" for b in at.button)
    assert not at.sidebar.expander[labels.index("Use your own data pack")].proto.expanded
    assert sorted(_technique_options(at)) == _shipped_options(shipped)


def test_broken_upload_lists_problems_and_keeps_the_shipped_view(shipped):
    at = _start()
    broken = dict(FILES)
    broken["references.yaml"] = broken["references.yaml"].replace(b"credibility: 4", b"credibility: 6")
    broken["grades.csv"] = broken["grades.csv"].replace(b"governance,C", b"governance,Q")
    _upload(at, broken)
    errors = [e.value for e in at.sidebar.error]
    assert errors == ["Your pack did not validate: 2 problems. The page still shows the shipped pack."]
    table = at.main.dataframe[0].value  # in the main area, full width
    assert list(table.columns) == ["file", "line", "field", "message"]
    rows = table.to_dict("records")
    assert rows[0] == {
        "file": "references.yaml",
        "line": 15,
        "field": "references[1].credibility",
        "message": "Input should be less than or equal to 5 (got 6)",
    }
    assert (rows[1]["file"], rows[1]["line"], rows[1]["field"]) == ("grades.csv", 3, "grade")
    # the page goes on showing the shipped pack
    assert "uploaded_pack" not in at.session_state
    assert sorted(_technique_options(at)) == _shipped_options(shipped)
    assert shipped.meta.title in _about(at)
    assert at.title[0].value == "AI-assisted alignment"


def test_valid_upload_changes_what_is_shown_and_reset_returns(shipped):
    at = _start()
    _upload(at, FILES)
    assert [s.value for s in at.sidebar.success] == [f"Showing your pack: {len(FILES)} uploaded files."]
    assert not at.sidebar.error
    assert _technique_options(at) == MINIMAL_TECHNIQUES
    assert "Minimal test pack" in _about(at)
    assert "Showing an uploaded pack, not the shipped one." in _about(at)
    # the choice holds on another page
    at.switch_page("pages/effectiveness.py")
    _run(at)
    assert _technique_options(at) == MINIMAL_TECHNIQUES

    at.button(key="upload-reset").click()
    _run(at)
    assert "uploaded_pack" not in at.session_state
    assert sorted(_technique_options(at)) == _shipped_options(shipped)
    assert shipped.meta.title in _about(at)
    assert not at.sidebar.success
    assert at.file_uploader(key="upload-files-2").value in (None, [])  # the picker is empty again


def test_zip_upload(shipped):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in FILES.items():
            zf.writestr(f"my-pack/{n}", b)
    at = _start()
    _upload(at, [("my-pack.zip", buf.getvalue())])
    assert [s.value for s in at.sidebar.success] == [f"Showing your pack: {len(FILES)} uploaded files."]
    assert _technique_options(at) == MINIMAL_TECHNIQUES
    # the data bundle can hold the uploaded files
    assert sorted(at.session_state["uploaded_pack_files"]) == sorted(FILES)


def test_broken_upload_after_a_valid_one_keeps_the_valid_one():
    at = _start()
    _upload(at, FILES)
    broken = dict(FILES)
    broken["claims.yaml"] = b"- id: [unclosed\n"
    _upload(at, broken, nonce=1)  # each checked upload empties the picker: the next one is a new set
    assert [e.value for e in at.sidebar.error] == [
        "Your pack did not validate: 1 problem. The page still shows your last valid pack."
    ]
    assert _technique_options(at) == MINIMAL_TECHNIQUES


def test_missing_files_are_taken_from_the_shipped_pack_only_when_asked(shipped, data_dir):
    at = _start()
    refs = yaml.safe_load((data_dir / "references.yaml").read_text(encoding="utf-8"))
    first, title = refs[0]["id"], refs[0]["title"]
    refs[0]["title"] = "My own title"
    mine = yaml.safe_dump(refs, sort_keys=False, allow_unicode=True).encode("utf-8")
    _upload(at, [("references.yaml", mine)])
    error = at.sidebar.error[0].value
    assert error.startswith("Your pack did not validate: ")
    missing = [r["file"] for r in at.main.dataframe[0].value.to_dict("records")]
    assert "claims.yaml" in missing and "references.yaml" not in missing
    assert "uploaded_pack" not in at.session_state
    button = at.button(key="upload-complete")
    assert button.label == f"Use shipped files for the rest ({len(missing)} missing)"

    button.click()
    _run(at)
    assert [s.value for s in at.sidebar.success] == [
        f"Showing your pack: 1 uploaded file, {len(missing)} from the shipped pack."
    ]
    ds = at.session_state["uploaded_pack"]
    assert ds.reference_by_id[first].title == "My own title"
    assert shipped.reference_by_id[first].title == title
    # nothing on disk changed
    assert b"My own title" not in (data_dir / "references.yaml").read_bytes()


def test_hostile_upload_is_refused_with_problems():
    at = _start()
    hostile = dict(FILES)
    hostile["references.yaml"] = hostile["references.yaml"].replace(
        b"title: A paper on debate", b"title: '<img src=x onerror=alert(1)>'"
    )
    hostile["claims.yaml"] = b"- !!python/object/apply:os.system ['true']\n"
    _upload(at, hostile)
    rows = at.main.dataframe[0].value.to_dict("records")
    assert [(r["file"], r["message"]) for r in rows] == [
        ("references.yaml", "HTML markup is not allowed in text (found '<img')"),
        ("claims.yaml", "YAML tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed"),
    ]
    assert "uploaded_pack" not in at.session_state


def test_the_control_is_not_drawn_while_presenting():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["present"] = "1"
    _run(at)
    assert all(e.label != "Use your own data pack" for e in at.expander)
    assert not at.file_uploader


def _main_text(at: AppTest, kind: str) -> list[str]:
    return [e.value.replace("\\", "") for e in getattr(at.main, kind)]


def test_every_page_names_the_uploaded_pack_in_the_main_area():
    at = _start()
    assert not [t for t in _main_text(at, "info") if t.startswith("Your pack:")]
    _upload(at, FILES)
    notice = "Your pack: Minimal test pack, not the shipped data."
    assert any(t.startswith(notice) for t in _main_text(at, "info"))
    at.switch_page("pages/labs.py")
    _run(at)
    assert any(t.startswith(notice) for t in _main_text(at, "info"))
    assert at.query_params.get("pack") in ("yours", ["yours"])


def test_a_new_upload_replaces_the_last_one_and_its_problems():
    at = _start()
    first = dict(FILES)
    first["grades.csv"] = first["grades.csv"].replace(b"governance,C", b"governance,Q")
    _upload(at, first)
    assert len(at.main.dataframe[0].value) == 1
    second = dict(FILES)
    second["references.yaml"] = second["references.yaml"].replace(b"credibility: 4", b"credibility: 6")
    _upload(at, second, nonce=1)
    rows = at.main.dataframe[0].value.to_dict("records")
    assert [r["file"] for r in rows] == ["references.yaml"]  # the first upload's problem is gone
    errors = _main_text(at, "error")
    assert len(errors) == 1 and "1 problem" in errors[0] and "shipped data" in errors[0]
    _upload(at, FILES, nonce=2)
    assert not at.main.error  # the refused upload's problems went with it
    assert any(t.startswith("Your pack: Minimal test pack") for t in _main_text(at, "info"))
    assert _technique_options(at) == MINIMAL_TECHNIQUES


def test_a_reload_says_the_uploaded_pack_is_gone():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["pack"] = "yours"  # what the address bar held while the upload was shown
    _run(at)
    warnings = _main_text(at, "warning")
    assert any(w.startswith("The pack you uploaded is gone") for w in warnings), warnings
