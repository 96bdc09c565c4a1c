"""The loader and the schema: the minimal pack, the shipped pack, and the rules every model follows."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from dashboard.pack import models as m
from dashboard.pack.dataset import PACK_FILES, PACK_FILES_BY_NAME, Dataset
from dashboard.pack.load import default_data_dir, load_files, load_pack, pack_signature
from dashboard.pack.problems import LoadResult, Problem
from dashboard.pack.rules import ID_SOURCES, known_ids, ref_fields

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
ROOT = Path(__file__).resolve().parents[2]


def all_models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []

    def visit(tp: typing.Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in found:
                return
            found.append(tp)
            for info in tp.model_fields.values():
                visit(info.annotation)
        for arg in typing.get_args(tp):
            visit(arg)

    for pf in PACK_FILES:
        visit(pf.model)
    return found


@pytest.fixture(scope="module")
def minimal() -> Dataset:
    result = load_pack(FIXTURE)
    assert result.ok, "\n".join(map(str, result.problems))
    return result.dataset


# --------------------------------------------------------------------------
# The minimal pack
# --------------------------------------------------------------------------


def test_minimal_pack_loads_with_every_file(minimal):
    assert sorted(p.name for p in FIXTURE.iterdir()) == sorted(PACK_FILES_BY_NAME)
    assert minimal.counts() == {
        "references": 3,
        "techniques": 2,
        "estimates": 2,
        "claims": 3,
        "labs": 2,
        "risks": 2,
        "grades": 4,
        "scores": 2,
        "cruxes": 1,
        "approaches": 2,
        "scalability": 1,
        "assessments": 1,
        "outlook": 16,
        "slides": 2,
    }


def test_minimal_pack_exercises_every_kind_of_cross_reference(minimal):
    """Every Ref kind in the schema is cited at least once in the fixture, so breaking it is tested."""
    schema_kinds = {kind for model in all_models() for kind in ref_fields(model).values()}
    assert schema_kinds == set(ID_SOURCES)
    cited: set[str] = set()

    def visit(obj: typing.Any) -> None:
        if isinstance(obj, BaseModel):
            for name, kind in ref_fields(type(obj)).items():
                value = getattr(obj, name)
                if value not in (None, []):
                    cited.add(kind)
            for name in type(obj).model_fields:
                visit(getattr(obj, name))
        elif isinstance(obj, list):
            for v in obj:
                visit(v)
        elif isinstance(obj, dict):
            for v in obj.values():
                visit(v)

    for pf in PACK_FILES:
        visit(getattr(minimal, pf.attr))
    assert cited == schema_kinds


def test_known_ids(minimal):
    ids = known_ids(minimal)
    assert ids["reference"] == {"ref-wiki", "ref-paper", "ref-gov"}
    assert ids["grade-index"] == {"safety-index", "lab-watch"}
    assert ids["flow-node"] == {"today", "research-tasks", "future"}
    assert ids["crux"] == {"debate-works"}


def test_typed_values(minimal):
    claim = minimal.claim_by_id["debate-accuracy"]
    assert claim.figure.value == 76 and claim.figure.unit == "percent" and claim.figure.midpoint == 76
    spend = minimal.claim_by_id["safety-spend"].figure
    assert spend.is_range and spend.midpoint == 9e9 and spend.qualifier == "approximately"
    assert minimal.outlook.events[0].date == dt.date(2023, 7, 1)
    assert minimal.estimates[0].superhuman.unknown and minimal.estimates[0].superhuman.low is None
    assert minimal.grades[0].grade == "B" and minimal.scores[1].percent == 17.5
    assert minimal.meta.files["claims.yaml"].cadence_days == 30


def test_load_files_matches_load_pack(minimal):
    files = {p.name: p.read_bytes() for p in FIXTURE.iterdir()}
    result = load_files(files)
    assert result.ok and result.dataset == minimal


def test_talk_is_optional(tmp_path):
    pack = tmp_path / "p"
    shutil.copytree(FIXTURE, pack)
    (pack / "talk.yaml").unlink()
    result = load_pack(pack)
    assert result.ok and result.dataset.talk is None and result.dataset.counts()["slides"] == 0


def test_load_result_ok_needs_a_dataset_and_no_problems(minimal):
    assert LoadResult(minimal).ok
    assert not LoadResult(None).ok
    assert not LoadResult(minimal, [Problem("x.yaml", 1, "", "bad")]).ok


def test_not_a_directory(tmp_path):
    missing = tmp_path / "nope"
    assert load_pack(missing).problems == [Problem(str(missing), 0, "", "is not a directory")]
    a_file = tmp_path / "file.yaml"
    a_file.write_text("x: 1\n")
    assert load_pack(a_file).problems == [Problem(str(a_file), 0, "", "is not a directory")]


def test_problems_are_sorted_by_pack_order_then_line(tmp_path):
    pack = tmp_path / "p"
    shutil.copytree(FIXTURE, pack)
    (pack / "outlook.yaml").unlink()
    refs = pack / "references.yaml"
    refs.write_text(
        refs.read_text().replace("credibility: 5", "credibility: 9").replace("credibility: 4", "credibility: 8")
    )
    (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text().replace("version: 0.1.0", "version: x"))
    result = load_pack(pack)
    assert [(p.file, p.line) for p in result.problems] == [
        ("pack.yaml", 3),
        ("references.yaml", 15),
        ("references.yaml", 22),
        ("outlook.yaml", 0),
    ]
    assert load_pack(pack).problems == result.problems  # deterministic


def test_unreadable_file_is_reported_once(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    pack = tmp_path / "p"
    shutil.copytree(FIXTURE, pack)
    (pack / "claims.yaml").chmod(0)
    result = load_pack(pack)
    assert [p.file for p in result.problems] == ["claims.yaml"]
    assert result.problems[0].message.startswith("cannot be read")


# --------------------------------------------------------------------------
# Cache key and data directory
# --------------------------------------------------------------------------


def test_pack_signature_changes_when_a_file_changes(tmp_path):
    pack = tmp_path / "p"
    shutil.copytree(FIXTURE, pack)
    before = pack_signature(pack)
    assert [name for name, _, _ in before] == [pf.name for pf in PACK_FILES]
    refs = pack / "references.yaml"
    refs.write_text(refs.read_text() + "\n# edited\n")
    after = pack_signature(pack)
    assert after != before
    assert [s for s in after if s[0] != "references.yaml"] == [s for s in before if s[0] != "references.yaml"]


def test_default_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    assert default_data_dir() == ROOT / "data"
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    assert default_data_dir() == tmp_path


# --------------------------------------------------------------------------
# The shipped pack
# --------------------------------------------------------------------------


def test_shipped_pack_validates(shipped):
    counts = shipped.counts()
    assert counts["references"] > 0 and counts["techniques"] > 0 and counts["claims"] > 0


# --------------------------------------------------------------------------
# Rules of the schema
# --------------------------------------------------------------------------


@pytest.mark.parametrize("model", all_models(), ids=lambda mo: mo.__name__)
def test_every_model_forbids_unknown_fields_and_is_frozen(model):
    assert model.model_config.get("extra") == "forbid"
    assert model.model_config.get("frozen") is True


ID_FIELD_KINDS = {
    "reference": "reference",
    "references": "reference",
    "stated_in": "reference",
    "technique": "technique",
    "techniques": "technique",
    "related_techniques": "technique",
    "claim": "claim",
    "claims": "claim",
    "results": "claim",
    "lab": "lab",
    "labs": "lab",
    "risks": "risk",
    "crux": "crux",
    "index": "grade-index",
    "source": "flow-node",
    "target": "flow-node",
}


@pytest.mark.parametrize("model", all_models(), ids=lambda mo: mo.__name__)
def test_fields_named_after_a_kind_of_record_are_checked_references(model):
    """A field such as ``techniques`` or ``stated_in`` must be a checked Ref, not a bare string."""
    refs = ref_fields(model)
    for name, info in model.model_fields.items():
        if name not in ID_FIELD_KINDS:
            continue
        inner = typing.get_args(info.annotation) or (info.annotation,)
        if any(isinstance(a, type) and issubclass(a, BaseModel) for a in inner):
            continue  # a list of records (e.g. Outlook's), not of ids
        assert refs.get(name) == ID_FIELD_KINDS[name], f"{model.__name__}.{name}"


def test_figure_rules():
    assert m.Figure(unknown=True, unit="percent").midpoint is None
    with pytest.raises(ValidationError, match="give value, or low and high, or unknown: true"):
        m.Figure(unit="count")
    with pytest.raises(ValidationError, match="a range needs both low and high"):
        m.Figure(low=1, unit="count")
    with pytest.raises(ValidationError, match="outside 0-100 for a percentage"):
        m.Figure(value=-1, unit="f1-percent")
    assert m.Figure(value=250, unit="count").value == 250  # only percentages are bounded


def test_estimate_range_rules():
    with pytest.raises(ValidationError, match="give low and high, or unknown: true"):
        m.EstimateRange(low=1)
    with pytest.raises(ValidationError, match="an unknown estimate has no low or high"):
        m.EstimateRange(unknown=True, high=3)


@pytest.mark.parametrize(
    "text, ok",
    [
        ("Success fell from 86% to 4.4% (p < 0.05)", True),
        ("R&D spending > $1B; x<5", True),
        ("Tabs\tand\nnewlines are fine", True),
        ("<b>bold</b>", False),
        ("a <!-- comment -->", False),
        ("see &amp; more", False),
        ("bell\x07", False),
        ("C1\x9b control", False),
        ("rtl \u2067isolate", False),
    ],
)
def test_plain_text_rule(text, ok):
    if ok:
        assert m.Reference(id="r", title="t", kind="web", summary=text).summary == text.strip()
    else:
        with pytest.raises(ValidationError):
            m.Reference(id="r", title="t", kind="web", summary=text)


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://arxiv.org/abs/2305.12345", True),
        ("http://example.gov/report?a=1#x", True),
        ("HTTPS://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("data:text/html,hi", False),
        ("ftp://example.org", False),
        ("//example.org/path", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ("mailto:someone@example.org", False),
    ],
)
def test_url_rule(url, ok):
    if ok:
        assert m.Reference(id="r", title="t", kind="web", summary="s", url=url).url == url
    else:
        with pytest.raises(ValidationError):
            m.Reference(id="r", title="t", kind="web", summary="s", url=url)
