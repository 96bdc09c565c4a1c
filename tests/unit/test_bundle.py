"""The data bundle: pack files, JSON, a field guide, citations; and formula-safe CSV."""

from __future__ import annotations

import io
import json
import re
import typing
import zipfile

import pandas as pd
import pytest
import yaml

from dashboard.exports import bundle, citation, fieldguide
from dashboard.exports.json import dataset_to_json
from dashboard.pack import models as m
from dashboard.pack.dataset import PACK_FILES


@pytest.fixture(scope="module")
def mini_zip(mini, minimal_dir):
    return zipfile.ZipFile(io.BytesIO(bundle.bundle_zip(mini, bundle.pack_files_from_dir(minimal_dir))))


# --------------------------------------------------------------------------
# Formula-safe CSV
# --------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", '=HYPERLINK("http://x")'])
def test_formula_cells_are_prefixed(cell):
    assert bundle.defuse_cell(cell) == "'" + cell


def test_ordinary_cells_and_numbers_are_untouched():
    assert bundle.defuse_cell("Debate") == "Debate"
    assert bundle.defuse_cell(-5) == -5
    assert bundle.defuse_cell(None) is None


def test_safe_csv_round_trip():
    frame = pd.DataFrame({"name": ["=cmd|' /C calc'!A0", "RLHF"], "value": [-3.5, 4.0], "=col": ["a", "b"]})
    back = pd.read_csv(io.BytesIO(bundle.safe_csv(frame)), encoding="utf-8-sig")
    assert list(back.columns) == ["name", "value", "'=col"]
    assert back["name"].tolist() == ["'=cmd|' /C calc'!A0", "RLHF"]
    assert back["value"].tolist() == [-3.5, 4.0]
    assert frame["name"].iloc[0].startswith("=")  # the shown table is not changed


# --------------------------------------------------------------------------
# The bundle
# --------------------------------------------------------------------------


def test_bundle_members(mini_zip, minimal_dir):
    names = set(mini_zip.namelist())
    present = {f"data/{p.name}" for p in PACK_FILES if (minimal_dir / p.name).exists()}
    assert present and present <= names
    assert {"dataset.json", "README.md", "CITATION.cff", "citation.txt", "references.bib"} <= names
    rest = {n for n in names - present if not n.startswith("datapackage/")}
    assert rest == {"dataset.json", "README.md", "CITATION.cff", "citation.txt", "references.bib", "dataset.sqlite"}
    assert "datapackage/datapackage.json" in names and "datapackage/claims.csv" in names


def test_pack_files_are_byte_for_byte(mini_zip, minimal_dir):
    for name in mini_zip.namelist():
        if name.startswith("data/"):
            assert mini_zip.read(name) == (minimal_dir / name.removeprefix("data/")).read_bytes()


def test_files_outside_the_pack_are_left_out(mini):
    data = bundle.bundle_zip(mini, {"references.yaml": b"x", "../evil.sh": b"rm -rf /", "notes.txt": b"?"})
    assert zipfile.ZipFile(io.BytesIO(data)).namelist()[0] == "data/references.yaml"
    assert not any("evil" in n or "notes" in n for n in zipfile.ZipFile(io.BytesIO(data)).namelist())


def test_json_is_the_export(mini, mini_zip):
    assert json.loads(mini_zip.read("dataset.json")) == json.loads(json.dumps(dataset_to_json(mini), default=str))


def test_readme_defines_every_field_of_every_file(mini_zip):
    readme = mini_zip.read("README.md").decode("utf-8")
    for pf in PACK_FILES:
        assert f"### {pf.name}" in readme
        section = readme.split(f"### {pf.name}", 1)[1].split("\n### ", 1)[0]
        root = typing.get_args(pf.model)[0] if typing.get_origin(pf.model) is list else pf.model
        for name in root.model_fields:
            row = re.search(rf"^\| `{name}` \| ([^|]+) \| ([^|]+) \| (.+) \|$", section, re.M)
            assert row, f"{pf.name}: no row for {name}"
            assert row.group(3).strip(), f"{pf.name}: {name} has no meaning"


def test_every_field_of_every_model_has_a_description_in_the_model():
    missing = []
    for pf in PACK_FILES:
        root = typing.get_args(pf.model)[0] if typing.get_origin(pf.model) is list else pf.model
        for model in fieldguide._nested_models(root):
            missing += [f"{model.__name__}.{name}" for name, info in model.model_fields.items() if not info.description]
            missing += [
                f"{model.__name__}.{r['field']} (guide)" for r in fieldguide.field_rows(model) if not r["meaning"]
            ]
    assert missing == []


@pytest.mark.parametrize(
    ("model", "name"),
    [
        (m.Claim, "statement"),
        (m.Claim, "references"),
        (m.Reference, "credibility"),
        (m.Figure, "open_high"),
        (m.Crux, "credence_question"),
        (m.GradeRow, "found_at"),
        (m.Outlook, "flow_edges"),
        (m.Slide, "note"),
    ],
)
def test_the_guide_gives_the_models_description(model, name):
    description = model.model_fields[name].description
    assert description
    assert fieldguide.field_meaning(model, name) == description
    guide = fieldguide.field_guide()
    table = guide.split(f"**{model.__name__}**", 1)[1].split("\n\n", 2)[1]
    row = re.search(rf"^\| `{name}` \| [^|]+ \| [^|]+ \| (.+) \|$", table, re.M)
    assert row and row.group(1) == description.replace("|", "\\|")


def test_field_types_read_as_words():
    rows = {r["field"]: r for r in fieldguide.field_rows(m.Claim)}
    assert rows["references"]["type"] == "list of reference ids (at least 1)"
    assert rows["stated_in"]["type"] == "reference id"
    assert rows["technique"]["required"] == "no"
    assert rows["statement"]["meaning"] == m.Claim.model_fields["statement"].description
    grade = {r["field"]: r for r in fieldguide.field_rows(m.GradeRow)}["grade"]["type"]
    assert grade.startswith("one of: A+, A, A-")


def test_citation_files(mini, mini_zip):
    cff = yaml.safe_load(mini_zip.read("CITATION.cff"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == mini.meta.title and cff["version"] == mini.meta.version
    assert cff["type"] == "dataset"
    assert [a["name"] for a in cff["authors"]] == mini.meta.maintainers
    text = mini_zip.read("citation.txt").decode("utf-8")
    assert mini.meta.citation in text and mini.meta.licence in text
    assert re.search(r"@misc\{[^,]+,\n  title = \{Minimal test pack\}", text)
    assert f"year = {{{citation.pack_year(mini)}}}" in text and "version = {0.1.0}" in text


def test_references_bib_has_an_entry_per_reference(mini, mini_zip):
    bib = mini_zip.read("references.bib").decode("utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),$", bib, re.M)
    assert keys == [r.id for r in mini.references]
    assert bib.count("{") == bib.count("}")


def test_bibtex_escapes_and_drops_bad_links(mini):
    ref = mini.references[0].model_copy(
        update={"title": "50% of {x} & $y_z #1", "url": "javascript:alert(1)", "authors": ["A. Bé"]}
    )
    entry = citation.reference_bibtex(ref)
    assert r"title = {50\% of \{x\} \& \$y\_z \#1}" in entry
    assert "javascript" not in entry and "url" not in entry
    assert "author = {A. Bé}" in entry
    assert entry.count("{") - entry.count(r"\{") == entry.count("}") - entry.count(r"\}")
