"""The command line: ``python -m dashboard validate|schema|export``, run as a user runs it."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from dashboard.cli import main
from dashboard.pack.dataset import PACK_FILES
from dashboard.pack.load import load_pack

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
PROBLEM_LINE = re.compile(r"^[^:\n]+:\d+: \S+: .+$")


def run(*args: str, env: dict | None = None, process: bool = False) -> subprocess.CompletedProcess:
    """``python -m dashboard ARGS``: in this process (``dashboard.cli.main``, as ``__main__`` calls it) unless
    ``process`` or ``env`` asks for a real one; each new process costs seconds of imports."""
    if process or env:
        return run_process(*args, env=env)
    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.pop("DASHBOARD_DATA_DIR", None)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as stop:  # argparse's usage errors
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        if saved is not None:
            os.environ["DASHBOARD_DATA_DIR"] = saved
    return subprocess.CompletedProcess(["python", "-m", "dashboard", *args], code, out.getvalue(), err.getvalue())


def run_process(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m dashboard ARGS`` in a new process, as a user runs it."""
    full_env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_DATA_DIR"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=120,
    )


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def fixture_counts() -> dict[str, int]:
    result = load_pack(FIXTURE)
    assert result.ok
    return result.dataset.counts()


# --------------------------------------------------------------------------
# validate
# --------------------------------------------------------------------------


def test_validate_valid_pack_exits_0_with_one_summary_line(fixture_counts):
    proc = run("validate", str(FIXTURE), process=True)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{FIXTURE}: valid (")
    for kind, n in fixture_counts.items():
        assert f"{n} {kind}" in lines[0]
    assert "3 references" in lines[0] and "4 grades" in lines[0]


def test_validate_reads_the_data_dir_variable(fixture_counts):
    proc = run("validate", env={"DASHBOARD_DATA_DIR": str(FIXTURE)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith(f"{FIXTURE}: valid (")


def test_validate_shipped_pack_agrees_with_the_loader(data_dir: Path):
    """data/ is checked the same way; its exit code follows whether it validates."""
    result = load_pack(data_dir)
    proc = run("validate", str(data_dir))
    no_traceback(proc)
    if result.ok:
        assert proc.returncode == 0
        assert proc.stdout.count("\n") == 1 and ": valid (" in proc.stdout
    else:
        assert proc.returncode == 1
        assert proc.stdout.splitlines() == [str(p) for p in result.problems]


def test_validate_broken_pack_exits_1_with_problem_lines(tmp_path: Path):
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    refs = pack / "references.yaml"
    refs.write_text(refs.read_text().replace("credibility: 4", "credibility: 6"))
    (pack / "grades.csv").write_text("index,lab,domain,grade\nsafety-index,lab-one,governance,Q\n")
    (pack / "outlook.yaml").unlink()
    proc = run("validate", str(pack))
    no_traceback(proc)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines == [
        "references.yaml:15: references[1].credibility: Input should be less than or equal to 5 (got 6)",
        "grades.csv:2: grade: Input should be 'A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-' or 'F' (got 'Q')",
        "outlook.yaml:0: -: required file is missing",
    ]
    assert all(PROBLEM_LINE.match(line) for line in lines)
    assert proc.stderr.strip() == f"3 problem(s) in {pack}"


@pytest.mark.parametrize(
    "content",
    [b"[" * 300_000, b"- !!python/object/apply:os.system ['true']\n", b"\xff\xfe\x00", b"a: &a [*a]\n"],
    ids=["deep-nesting", "python-tag", "binary", "recursive-alias"],
)
def test_validate_hostile_file_never_prints_a_traceback(tmp_path: Path, content: bytes):
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    (pack / "claims.yaml").write_bytes(content)
    proc = run("validate", str(pack))
    no_traceback(proc)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0].startswith("claims.yaml:")


def test_validate_missing_directory(tmp_path: Path):
    proc = run("validate", str(tmp_path / "nowhere"))
    no_traceback(proc)
    assert proc.returncode == 1
    assert proc.stdout.strip() == f"{tmp_path / 'nowhere'}:0: -: is not a directory"


def test_unknown_command_is_a_usage_error():
    proc = run("frobnicate", process=True)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr


# --------------------------------------------------------------------------
# schema
# --------------------------------------------------------------------------


def _jsonable(value):
    """YAML data as JSON would carry it (dates as ISO text)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


def test_schema_writes_one_schema_per_file_that_validates_the_fixture(tmp_path: Path):
    out = tmp_path / "schema"
    proc = run("schema", "--out", str(out))
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{pf.name.rsplit('.', 1)[0]}.{pf.format}.schema.json" for pf in PACK_FILES)
    assert len(proc.stdout.splitlines()) == len(PACK_FILES)
    dataset = load_pack(FIXTURE).dataset
    for pf in PACK_FILES:
        schema = json.loads((out / f"{pf.name.rsplit('.', 1)[0]}.{pf.format}.schema.json").read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        if pf.format == "yaml":
            doc = _jsonable(yaml.safe_load((FIXTURE / pf.name).read_text()))
            errors = list(validator.iter_errors(doc))
            assert not errors, f"{pf.name}: {errors[0].message} at {list(errors[0].path)}"
        else:
            rows = [row.model_dump(mode="json") for row in getattr(dataset, pf.attr)]
            assert rows
            for row in rows:
                validator.validate(row)


def _properties(node, where="#"):
    """(path, property schema) for every property of every object schema in ``node``, $defs included."""
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{where}/properties/{name}", prop
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{where}/{i}")


def test_schema_describes_every_property_of_every_file(tmp_path: Path):
    out = tmp_path / "schema"
    assert run("schema", "--out", str(out)).returncode == 0
    undescribed, seen = [], 0
    for path in sorted(out.iterdir()):
        schema = json.loads(path.read_text())
        for where, prop in _properties(schema):
            seen += 1
            if not str(prop.get("description", "")).strip():
                undescribed.append(f"{path.name}: {where}")
    assert seen > 200
    assert undescribed == []
    claims = json.loads((out / "claims.yaml.schema.json").read_text())
    statement = claims["$defs"]["Claim"]["properties"]["statement"]
    assert statement["description"] == "the claim in one sentence, in the pack's own words"


def test_schema_rejects_what_the_loader_rejects(tmp_path: Path):
    out = tmp_path / "schema"
    assert run("schema", "--out", str(out)).returncode == 0
    schema = json.loads((out / "references.yaml.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    doc = _jsonable(yaml.safe_load((FIXTURE / "references.yaml").read_text()))
    doc[1]["credibility"] = 6
    doc[0]["colour"] = "red"
    messages = sorted(e.message for e in validator.iter_errors(doc))
    assert len(messages) == 2
    assert any("6 is not valid under any of the given schemas" in m for m in messages)  # int 1-5 or null
    assert any("'colour' was unexpected" in m for m in messages)


# --------------------------------------------------------------------------
# export
# --------------------------------------------------------------------------


def test_export_json_round_trips_the_counts(tmp_path: Path, fixture_counts):
    out = tmp_path / "pack.json"
    proc = run("export", "--format", "json", "--out", str(out), "--data", str(FIXTURE))
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"wrote {out} (")
    data = json.loads(out.read_text(encoding="utf-8"))
    for kind in (
        "references",
        "techniques",
        "estimates",
        "claims",
        "labs",
        "risks",
        "grades",
        "scores",
        "cruxes",
        "approaches",
        "scalability",
        "assessments",
    ):
        assert len(data[kind]) == fixture_counts[kind], kind
    assert sum(len(v) for v in data["outlook"].values()) == fixture_counts["outlook"]
    assert len(data["talk"]["slides"]) == fixture_counts["slides"]
    assert data["meta"]["title"] == "Minimal test pack"
    assert data["claims"][0]["figure"]["value"] == 76
    assert data["outlook"]["events"][0]["date"] == "2023-07-01"


def test_export_of_a_broken_pack_exits_1(tmp_path: Path):
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    (pack / "risks.yaml").write_text("- id: [\n")
    out = tmp_path / "pack.json"
    proc = run("export", "--format", "json", "--out", str(out), "--data", str(pack))
    no_traceback(proc)
    assert proc.returncode == 1
    assert proc.stdout.startswith("risks.yaml:1: -: YAML syntax error")
    assert not out.exists()


def test_export_to_an_unwritable_place_is_an_error_not_a_traceback(tmp_path: Path):
    out = tmp_path / "no" / "such" / "dir" / "pack.json"
    proc = run("export", "--format", "json", "--out", str(out), "--data", str(FIXTURE))
    no_traceback(proc)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ")


def test_problems_print_on_an_ascii_terminal(tmp_path: Path):
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    refs = pack / "references.yaml"
    refs.write_text(
        refs.read_text().replace("  publisher: arXiv\n", "  publisher: arXiv\n  café: ☕\n"), encoding="utf-8"
    )
    proc = run("validate", str(pack), env={"PYTHONIOENCODING": "ascii"})
    no_traceback(proc)
    assert proc.returncode == 1
    assert proc.stdout.strip() == "references.yaml:15: references[1].caf\\xe9: unknown field (not in the schema)"


def test_validate_checks_the_talk_against_the_pack(tmp_path: Path):
    """A slide naming a chart, parameter or value the pack does not have is a problem with its line and field."""
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    (pack / "talk.yaml").write_text(
        "title: A broken talk\n"
        "slides:\n"
        "  - id: one\n"
        "    title: Fine\n"
        "    page: effectiveness\n"
        "    view: effectiveness\n"
        "    params:\n"
        "      tech: [debate]\n"
        "      sort: drop\n"
        "    note: n\n"
        "  - id: two\n"
        "    title: No such chart\n"
        "    page: effectiveness\n"
        "    view: estimates\n"
        "    note: n\n"
        "  - id: three\n"
        "    title: Bad parameters\n"
        "    page: risks\n"
        "    view: coverage\n"
        "    params:\n"
        "      tech: gone\n"
        "      zoom: '2'\n"
        "    note: n\n"
        "  - id: four\n"
        "    title: Fine again\n"
        "    page: sources\n"
        "    view: disagreement\n"
        "    params:\n"
        "      dq: nothing-of-the-sort\n"
        "    note: n\n",
        encoding="utf-8",
    )
    assert load_pack(pack).ok  # the schema is fine: only the catalogue finds these
    proc = run("validate", str(pack))
    no_traceback(proc)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines == [
        "talk.yaml:14: slides[1].view: the effectiveness page has no chart 'estimates' (charts: effectiveness, oversight)",
        "talk.yaml:21: slides[2].params.tech: tech='gone' is not a value of this view",
        "talk.yaml:22: slides[2].params.zoom: unknown parameter 'zoom'",
        "talk.yaml:29: slides[3].params.dq: dq='nothing-of-the-sort' is not a value of this view",
    ]
    assert all(PROBLEM_LINE.match(line) for line in lines)
    assert proc.stderr.strip() == f"4 problem(s) in {pack}"


# --------------------------------------------------------------------------
# charts: the chart catalogue
# --------------------------------------------------------------------------


def test_charts_lists_the_catalogue():
    from dashboard.views.catalogue import VIEWS

    proc = run("charts", "--data", str(FIXTURE))
    assert proc.returncode == 0, proc.stderr
    names = [line.split("\t")[0] for line in proc.stdout.splitlines()]
    assert names == [f"{page}-{view}" for page, view in VIEWS]


def test_charts_json_gives_each_parameter_and_its_values():
    from dashboard.views.catalogue import VIEWS

    proc = run("charts", "--json", "--data", str(FIXTURE))
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["name"] for r in rows] == [f"{page}-{view}" for page, view in VIEWS]
    mini = load_pack(FIXTURE).dataset
    by_name = {r["name"]: r for r in rows}
    effectiveness = by_name["effectiveness-effectiveness"]
    assert effectiveness["page"] == "effectiveness" and effectiveness["title"]
    assert set(effectiveness["parameters"]["tech"]) == {t.id for t in mini.techniques}
    assert effectiveness["parameters"]["sort"]
    assert by_name["overview-flow"]["parameters"] == {}


def test_export_sqlite_has_the_json_counts_and_holds_its_foreign_keys(tmp_path: Path, fixture_counts):
    import sqlite3

    out = tmp_path / "pack.sqlite"
    proc = run("export", "--format", "sqlite", "--out", str(out), "--data", str(FIXTURE))
    assert proc.returncode == 0, proc.stderr
    con = sqlite3.connect(out)
    for kind in ("references", "techniques", "claims", "labs", "risks"):
        assert con.execute(f'SELECT count(*) FROM "{kind}"').fetchone()[0] == fixture_counts[kind], kind
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_export_images_without_chromium_is_a_message_not_a_traceback(tmp_path: Path):
    env = {**os.environ, "BROWSER_PATH": "/nonexistent/chromium"}
    proc = run("export", "--format", "png", "--out", str(tmp_path / "img"), "--data", str(FIXTURE), env=env)
    assert proc.returncode == 1
    assert "Chromium" in proc.stderr
    no_traceback(proc)


@pytest.mark.slow
def test_export_svg_of_one_filtered_chart(tmp_path: Path, data_dir: Path, chromium):
    ds = load_pack(data_dir).dataset
    tech = ds.estimates[0].technique
    out = tmp_path / "img"
    proc = run(
        "export", "--format", "svg", "--out", str(out), "--data", str(data_dir),
        "--chart", "effectiveness-effectiveness", "--tech", tech, "--base-url", "https://example.org/app",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in out.iterdir()] == ["effectiveness-effectiveness.svg"]
    text = (out / "effectiveness-effectiveness.svg").read_text(encoding="utf-8")
    assert f"Showing 1 of {len(ds.techniques)} techniques." in text
    assert f"https://example.org/app/effectiveness?tech={tech}" in text
    assert f"version {ds.meta.version}" in text


def test_export_pdf_without_chromium_is_a_message_not_a_traceback(tmp_path: Path):
    env = {**os.environ, "BROWSER_PATH": "/nonexistent/chromium"}
    out = tmp_path / "brief.pdf"
    proc = run("export", "--format", "pdf", "--out", str(out), "--data", str(FIXTURE), env=env)
    assert proc.returncode == 1 and "Chromium" in proc.stderr and not out.exists()
    no_traceback(proc)
