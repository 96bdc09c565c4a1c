"""Command line: ``python -m dashboard validate|schema|export|charts``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from dashboard.pack.dataset import PACK_FILES_BY_NAME, Dataset
from dashboard.pack.limits import MAX_FILE_MB_ENV, MAX_FILE_MB_FLAG, configured_max_file_bytes, mb_to_bytes
from dashboard.pack.load import default_data_dir, load_pack
from dashboard.pack.locations import format_path, line_of
from dashboard.pack.problems import Problem
from dashboard.pack.reading import parse_yaml

TALK_FILE = "talk.yaml"


def talk_problems(directory: Path, ds: Dataset) -> list[Problem]:
    """talk.yaml's slides checked against the pack: every page, view, parameter and value exists.

    The schema is checked by the loader; this needs the chart catalogue (``present``), which
    the loader does not import. Each problem names talk.yaml's line and the slide's field.
    """
    if ds.talk is None:
        return []
    from dashboard.views.talk import talk_issues

    issues = talk_issues(ds, ds.talk)
    if not issues:
        return []
    pf = PACK_FILES_BY_NAME[TALK_FILE]
    _, root, _ = parse_yaml(TALK_FILE, (directory / TALK_FILE).read_bytes().decode("utf-8-sig"), pf=pf)
    return [Problem(TALK_FILE, line_of(root, x.loc), format_path(pf, x.loc), x.message) for x in issues]


def _max_file_bytes(args: argparse.Namespace) -> int:
    """--max-file-mb, else $DASHBOARD_MAX_FILE_MB, else the 5 MB default."""
    if args.max_file_mb is not None:
        return mb_to_bytes(args.max_file_mb)
    return configured_max_file_bytes([])


def _too_big_hint(problems: list[Problem]) -> None:
    if any("is too large" in p.message for p in problems if p.file != "(pack)"):
        print(
            f"a larger pack can be checked on purpose with {MAX_FILE_MB_FLAG} N or {MAX_FILE_MB_ENV}=N (megabytes)",
            file=sys.stderr,
        )


def _validate(args: argparse.Namespace) -> int:
    directory = Path(args.directory) if args.directory else default_data_dir()
    result = load_pack(directory, max_file_bytes=_max_file_bytes(args))
    ds = result.dataset
    problems = result.problems if not result.ok or ds is None else talk_problems(directory, ds)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) in {directory}", file=sys.stderr)
        _too_big_hint(problems)
        return 1
    assert ds is not None  # no problems
    counts = ", ".join(f"{n} {kind}" for kind, n in ds.counts().items())
    print(f"{directory}: valid ({counts})")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from dashboard.pack.schema import write_schemas

    out = Path(args.out)
    for path in write_schemas(out):
        print(path)
    return 0


def _export(args: argparse.Namespace) -> int:
    from dashboard.exports import json as export

    directory = Path(args.data) if args.data else default_data_dir()
    result = load_pack(directory, max_file_bytes=_max_file_bytes(args))
    if not result.ok:
        for problem in result.problems:
            print(problem)
        print(f"cannot export: {len(result.problems)} problem(s) in {directory}", file=sys.stderr)
        _too_big_hint(result.problems)
        return 1
    ds = result.dataset
    assert ds is not None  # result.ok
    out = Path(args.out)
    if args.format in ("png", "svg"):
        return _export_images(ds, args, out)
    if args.format == "sqlite":
        from dashboard.exports.tables import write_sqlite

        write_sqlite(ds, out)
    elif args.format == "datapackage":
        from dashboard.exports.tables import write_datapackage

        out = write_datapackage(ds, out)
    elif args.format == "pdf":
        from dashboard.exports.browser import PdfUnavailable
        from dashboard.exports.pdf import brief_pdf

        try:
            out.write_bytes(brief_pdf(ds))
        except PdfUnavailable as err:
            print(f"cannot make the PDF: {err}", file=sys.stderr)
            return 1
    elif args.format == "handout":
        from dashboard.exports.browser import PdfUnavailable
        from dashboard.exports.handout import handout_pdf

        polls = None
        if args.talk:  # the room's answers on the poll slides, from the talk store
            from dashboard.exports.poll_results import collect
            from dashboard.store import StoreError, open_store

            try:
                polls = {r.poll.id: r for r in collect(open_store(), args.talk)}
            except StoreError as err:
                print(f"error: {err}", file=sys.stderr)
                return 1
        try:
            out.write_bytes(handout_pdf(ds, base_url=args.base_url, polls=polls))
        except PdfUnavailable as err:
            print(f"cannot make the talk handout: {err}", file=sys.stderr)
            return 1
    elif args.format == "json":
        out.write_text(
            json.dumps(export.dataset_to_json(ds), indent=2, ensure_ascii=False),
            encoding="utf-8",
        )
    else:
        from dashboard.exports.report import write_report

        write_report(ds, out)
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    return 0


def _ordered(values: set[str] | None) -> list[str] | None:
    """Allowed values in a readable order: numbers as numbers, then words."""
    if values is None:
        return None
    return sorted(values, key=lambda v: (not v.isdigit(), int(v) if v.isdigit() else 0, v))


def _charts(args: argparse.Namespace) -> int:
    """The chart catalogue: one line per chart (name, page, title, parameters), or JSON with allowed values."""
    from dashboard.views.catalogue import VIEWS, view_params

    directory = Path(args.data) if args.data else default_data_dir()
    result = load_pack(directory)
    if not result.ok:
        for problem in result.problems:
            print(problem)
        print(f"cannot list charts: {len(result.problems)} problem(s) in {directory}", file=sys.stderr)
        return 1
    ds = result.dataset
    assert ds is not None  # result.ok
    rows = []
    for spec in VIEWS.values():
        params = view_params(ds, spec)
        rows.append(
            {
                "name": f"{spec.page}-{spec.view}",
                "page": spec.page,
                "view": spec.view,
                "title": spec.label,
                "parameters": {k: _ordered(v) for k, v in params.items()},
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        keys = ", ".join(row["parameters"]) or "-"
        print(f"{row['name']}\t{row['page']}\t{row['title']}\tparameters: {keys}")
    return 0


def _export_images(ds: Dataset, args: argparse.Namespace, out: Path) -> int:
    """One standalone image per catalogued chart (or the ones --chart names) in ``out``."""
    from dashboard.exports import images
    from dashboard.pack.textsafe import slug
    from dashboard.views.catalogue import TECH_KEY
    from dashboard.views.entry import entries

    ok, reason = images.renderer_status()
    if not ok:
        print(f"cannot make images: {reason}", file=sys.stderr)
        return 1
    params = {TECH_KEY: args.tech} if args.tech else {}
    unknown = sorted(set(args.tech or []) - {t.id for t in ds.techniques})
    if unknown:
        print(f"unknown technique id(s): {', '.join(unknown)}", file=sys.stderr)
        return 1
    every = entries(ds, params)
    items = [i for i in every if i.name in args.chart] if args.chart else every
    if args.chart:
        missing = sorted(set(args.chart) - {i.name for i in items})
        if missing:
            names = ", ".join(i.name for i in every)
            print(f"no chart named {', '.join(missing)}; the charts are: {names}", file=sys.stderr)
            return 1
    out.mkdir(parents=True, exist_ok=True)
    for item in items:
        try:
            data = images.render_view(ds, item, args.format, base_url=args.base_url)
        except images.ImagesUnavailable as err:
            print(f"cannot make images: {err}", file=sys.stderr)
            return 1
        path = out / f"{slug(item.name, default='chart')}.{args.format}"
        path.write_bytes(data)
        print(f"wrote {path} ({len(data):,} bytes)")
    return 0


def _talk_results(args: argparse.Namespace) -> int:
    """A talk's poll results from the talk store ($DASHBOARD_STORE, else SQLite in $DASHBOARD_STATE_DIR)."""
    from dashboard.exports import images, poll_results
    from dashboard.store import TALK_ID, StoreError, open_store

    if not TALK_ID.match(args.talk):
        print("error: a talk id is 8 to 32 letters, digits, '-' or '_' (the end of the audience link)", file=sys.stderr)
        return 2
    try:
        store = open_store()
        if store.talk(args.talk) is None:
            print(
                f"error: no talk {args.talk} in the talk store: it never existed or it was forgotten", file=sys.stderr
            )
            return 1
        results = poll_results.collect(store, args.talk)
    except StoreError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.format == "png":
        if not args.out:
            print("error: --format png needs --out DIRECTORY", file=sys.stderr)
            return 2
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for r in results:
            try:
                data = poll_results.poll_png(r)
            except images.ImagesUnavailable as err:
                print(f"cannot make images: {err}", file=sys.stderr)
                return 1
            path = out / f"talk-{args.talk}-poll-{r.poll.id}.png"
            path.write_bytes(data)
            print(f"wrote {path} ({len(data):,} bytes)")
        return 0
    text = poll_results.results_csv(results) if args.format == "csv" else poll_results.results_json(args.talk, results)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        answers = sum(len(r.answers) for r in results)
        print(f"wrote {args.out}: {len(results)} polls, {answers} answers")
    else:
        sys.stdout.write(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="AI-assisted alignment data pack tools")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check a data pack; one line per problem")
    v.add_argument("directory", nargs="?", help="pack directory (default: $DASHBOARD_DATA_DIR or data/)")
    limit_help = f"per-file size limit in megabytes (default: ${MAX_FILE_MB_ENV}, else 5)"
    v.add_argument(MAX_FILE_MB_FLAG, type=float, metavar="N", help=limit_help)
    v.set_defaults(func=_validate)
    s = sub.add_parser("schema", help="write a JSON Schema per file of the pack")
    s.add_argument("--out", default="schema", help="output directory (default: schema/)")
    s.set_defaults(func=_schema)
    e = sub.add_parser("export", help="export the validated pack")
    e.add_argument(
        "--format", choices=["json", "html", "png", "svg", "sqlite", "datapackage", "pdf", "handout"], default="json"
    )
    e.add_argument("--out", required=True, help="output file (a directory for png, svg and datapackage)")
    e.add_argument("--chart", action="append", help="png/svg: only this chart (repeatable; names as listed)")
    e.add_argument("--tech", action="append", help="png/svg: only this technique id (repeatable), as the filter")
    e.add_argument(
        "--base-url",
        default="http://localhost:8501",
        help="png/svg/handout: the dashboard's address in each link the files carry",
    )
    e.add_argument("--data", help="pack directory (default: $DASHBOARD_DATA_DIR or data/)")
    e.add_argument("--talk", help="handout: a live talk's id, to show the room's poll answers on its poll slides")
    e.add_argument(MAX_FILE_MB_FLAG, type=float, metavar="N", help=limit_help)
    e.set_defaults(func=_export)
    c = sub.add_parser("charts", help="list the chart catalogue: name, page, title, parameters")
    c.add_argument("--json", action="store_true", help="JSON, with each parameter's allowed values")
    c.add_argument("--data", help="pack directory (default: $DASHBOARD_DATA_DIR or data/)")
    c.set_defaults(func=_charts)
    r = sub.add_parser("talk-results", help="a talk's live poll results from the talk store: CSV, JSON or PNG")
    r.add_argument(
        "talk", help="the talk's id (the end of its audience link /talk/ID; one that begins with '-' goes after --)"
    )
    r.add_argument("--format", choices=["csv", "json", "png"], default="csv")
    r.add_argument("--out", help="output file (a directory for png); default: standard output")
    r.set_defaults(func=_talk_results)
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        # A problem quoting text the terminal cannot encode is still printed, escaped.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        return args.func(args)
    except ValueError as err:
        if MAX_FILE_MB_ENV not in str(err) and MAX_FILE_MB_FLAG not in str(err):
            if os.environ.get("DASHBOARD_DEBUG"):
                raise
            print(f"error: unexpected ValueError: {err} (set DASHBOARD_DEBUG=1 for details)", file=sys.stderr)
            return 3
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except OSError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # a defect: say so in one line; DASHBOARD_DEBUG=1 shows the traceback
        if os.environ.get("DASHBOARD_DEBUG"):
            raise
        print(f"error: unexpected {type(err).__name__}: {err} (set DASHBOARD_DEBUG=1 for details)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
