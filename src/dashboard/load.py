"""Files -> a validated Dataset, or the full list of problems.

Every problem names the file, the line and the field path. YAML is read with
the safe loader (libyaml's when present), explicit tags and aliases are
refused, and files over a size limit are not parsed at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import os
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import models as m
from .dataset import PACK_FILES, PACK_FILES_BY_NAME, Dataset, PackFile

YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_PACK_BYTES = 20 * 1024 * 1024
BOM = b"\xef\xbb\xbf"
MAX_DEPTH = 32  # nesting of YAML lists/mappings; the real pack needs under 10
MAX_INT_DIGITS = 30  # longer integers are refused before Python converts them
MAX_PROBLEMS_PER_FILE = 100
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TAG_NAMES = {
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str  # dotted field path; "" when it concerns the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field or '-'}: {self.message}"


@dataclass
class LoadResult:
    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.dataset is not None and not self.problems


# --------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------


def default_data_dir() -> Path:
    """The pack the app shows: $DASHBOARD_DATA_DIR, else data/ beside app.py."""
    env = os.environ.get("DASHBOARD_DATA_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "data"


def pack_signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, size, mtime_ns) of every file of a pack: the cache key of a loaded pack."""
    sig = []
    for pf in PACK_FILES:
        p = Path(directory) / pf.name
        try:
            st = p.stat()
        except OSError:
            continue
        sig.append((pf.name, st.st_size, st.st_mtime_ns))
    return tuple(sig)


def load_pack(
    directory: Path | str,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_pack_bytes: int | None = None,
) -> LoadResult:
    """Load and validate the pack in ``directory``.

    Files that are not YAML or CSV (a README, a licence) are ignored; a YAML or
    CSV file that is not a file of the pack is reported.
    """
    directory = Path(directory)
    if not directory.is_dir():
        return LoadResult(None, [Problem(str(directory), 0, "", "is not a directory")])
    problems: list[Problem] = []
    files: dict[str, bytes] = {}
    for entry in sorted(directory.iterdir()):
        if entry.suffix.lower() not in (".yaml", ".yml", ".csv") or entry.name.startswith("."):
            continue
        if entry.name not in PACK_FILES_BY_NAME:
            problems.append(Problem(entry.name, 0, "", _unknown_file_message(entry.name)))
            continue
        try:
            if not entry.is_file():
                problems.append(Problem(entry.name, 0, "", "is not a regular file"))
                continue
            size = entry.stat().st_size
            if size > max_file_bytes:
                problems.append(Problem(entry.name, 0, "", _too_big(size, max_file_bytes)))
                continue
            files[entry.name] = entry.read_bytes()
        except OSError as err:
            problems.append(Problem(entry.name, 0, "", f"cannot be read ({err.strerror or err})"))
    result = load_files(files, max_file_bytes=max_file_bytes, max_pack_bytes=max_pack_bytes)
    if problems:
        # A file that could not be read is reported once, not also as "missing".
        unread = {p.file for p in problems}
        rest = [p for p in result.problems if not (p.file in unread and p.message == MISSING_FILE)]
        result = LoadResult(None, sorted(set(problems + rest), key=_problem_order))
    return result


MISSING_FILE = "required file is missing"


def load_files(
    files: Mapping[str, bytes],
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_pack_bytes: int | None = None,
) -> LoadResult:
    """Validate a pack given as {file name: raw bytes} (a directory's files, or an upload).

    Every problem is reported in one pass: each file is checked on its own, and
    cross-references are checked wherever the files involved could be read, so
    a dangling id is reported alongside a syntax error in another file.
    """
    problems: list[Problem] = []
    total = sum(len(b) for b in files.values())
    if max_pack_bytes is not None and total > max_pack_bytes:
        return LoadResult(None, [Problem("(pack)", 0, "", _too_big(total, max_pack_bytes, "the pack"))])
    values: dict[str, Any] = {}  # attr -> validated value of a file without problems
    partial: dict[str, Any] = {}  # attr -> the rows that validated, for a CSV with problems
    nodes: dict[str, Any] = {}  # file name -> YAML root node, or a CSV's row lines
    for pf in PACK_FILES:
        raw = files.get(pf.name)
        if raw is None:
            if pf.required:
                problems.append(Problem(pf.name, 0, "", MISSING_FILE))
            continue
        if len(raw) > max_file_bytes:
            problems.append(Problem(pf.name, 0, "", _too_big(len(raw), max_file_bytes)))
            continue
        parsed, root, file_problems = _read_file(pf, raw)
        problems.extend(_cap(pf.name, file_problems))
        if not file_problems:
            values[pf.attr] = parsed
            nodes[pf.name] = root
        elif pf.format == "csv" and parsed:
            partial[pf.attr] = parsed
            nodes[pf.name] = root
    for name in files:
        if name not in PACK_FILES_BY_NAME:
            problems.append(Problem(name, 0, "", _unknown_file_message(name)))
    if problems:
        problems.extend(_reference_problems({**values, **partial}, nodes, _ids_of(values)))
        return LoadResult(None, sorted(set(problems), key=_problem_order))
    dataset = Dataset(**values)
    problems = check_references(dataset, nodes)
    if problems:
        return LoadResult(None, problems)
    return LoadResult(dataset, [])


def _cap(name: str, problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems of one file, and a line saying how many more."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    kept = sorted(set(problems))[:MAX_PROBLEMS_PER_FILE]
    more = len(problems) - len(kept)
    return [*kept, Problem(name, 0, "", f"{more} more problem(s) in this file are not listed")]


def _problem_order(p: Problem) -> tuple:
    order = {pf.name: i for i, pf in enumerate(PACK_FILES)}
    return (order.get(p.file, len(order)), p.file, p.line, p.field, p.message)


def _unknown_file_message(name: str | None = None) -> str:
    names = ", ".join(pf.name for pf in PACK_FILES)
    hint = ""
    if name:
        close = difflib.get_close_matches(str(name), list(PACK_FILES_BY_NAME), n=1, cutoff=0.8)
        if close:
            hint = f"did you mean {close[0]}? "
    return f"not a file of the pack ({hint}expected one of: {names})"


def _too_big(size: int, limit: int, what: str = "file") -> str:
    return f"{what} is too large: {size:,} bytes, over the limit of {limit:,} bytes ({limit / 1_048_576:g} MB)"


# --------------------------------------------------------------------------
# One file
# --------------------------------------------------------------------------


def _decode(name: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return None, [Problem(name, line, "", f"is not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}); save the file as UTF-8")]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [Problem(name, line, "", "contains a NUL byte; is this a binary file?")]
    if not text.strip():
        return None, [Problem(name, 0, "", "file is empty")]
    return text, []


def _read_file(pf: PackFile, raw: bytes) -> tuple[Any, Any, list[Problem]]:
    text, problems = _decode(pf.name, raw)
    if text is None:
        return None, None, problems
    if pf.format == "csv":
        return _read_csv(pf, text)
    data, root, problems = parse_yaml(pf.name, text, pf=pf)
    if root is None:
        return None, None, problems
    try:
        return pf.adapter.validate_python(data), root, problems
    except ValidationError as err:
        return None, None, problems + [_yaml_problem(pf, root, e) for e in err.errors()]


def parse_yaml(name: str, text: str, *, pf: PackFile | None = None) -> tuple[Any, Any, list[Problem]]:
    """Parse one YAML document safely: -> (data, root node, problems).

    Tags, anchors, aliases and nesting deeper than MAX_DEPTH are refused before
    anything is built (a deep document would crash the C composer). Duplicate
    keys, non-text keys, over-long integers and impossible dates are reported
    with their lines; the data is still returned when only duplicate keys were
    found, so that the file's other problems are reported in the same pass.
    """
    data = _fast_parse(text)
    if data is not _SLOW:
        return data, _LazyRoot(text), []
    problems = _scan_events(name, text)
    if problems:
        return None, None, problems
    loader = YamlLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None, [Problem(name, 0, "", "file is empty")]
        problems, fatal = _check_nodes(name, root, loader, pf)
        if fatal:
            return None, None, problems
        return loader.construct_document(root), root, problems
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 0
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        line = min(line, max(last, 1))  # an error found at the end of the file is on its last line
        what = " ".join(x for x in (err.context, err.problem) if x)
        return None, None, [Problem(name, line, "", f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as err:  # a character YAML does not allow, e.g. a raw control character
        line = text.count("\n", 0, err.position) + 1 if isinstance(err.position, int) else 0
        char = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
        return None, None, [Problem(name, line, "", f"character U+{char:04X} is not allowed in YAML ({err.reason})")]
    except yaml.YAMLError as err:  # pragma: no cover - libyaml reports unmarked errors rarely
        return None, None, [Problem(name, 0, "", f"YAML error: {err}")]
    except (ValueError, OverflowError, RecursionError) as err:  # pragma: no cover - guarded by _check_nodes
        return None, None, [Problem(name, 0, "", f"cannot read a value: {err}")]
    finally:
        loader.dispose()


# The common case, a clean file, is read in one pass over the parser's events: data is built
# straight from them, without composing a node tree, resolving it and constructing from it
# (about 3x faster on large packs). At the first thing that is not plainly clean (a tag, an
# anchor, an alias, deep nesting, a key that is not text, a duplicate key, a long integer,
# an impossible date, a syntax error), it gives up and the file is read again by the checked
# path below, which reports every problem with its line. Node trees for line numbers
# are then composed only when a problem needs one (``_LazyRoot``).

_SLOW = object()  # "read this file with the checked path"
_RESOLVERS = {
    first: [*rules, *YamlLoader.yaml_implicit_resolvers.get(None, [])]
    for first, rules in YamlLoader.yaml_implicit_resolvers.items()
    if first is not None
}
_WILDCARD = list(YamlLoader.yaml_implicit_resolvers.get(None, []))
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _LazyRoot:
    """The YAML node tree of a file that read cleanly, composed the first time a line is asked for."""

    __slots__ = ("_node", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._node: Any = None

    @property
    def node(self) -> Any:
        if self._node is None:
            loader = YamlLoader(self._text)
            try:
                self._node = loader.get_single_node()
            finally:
                loader.dispose()
        return self._node


def _scalar(ev: Any) -> Any:
    """The value of a scalar event as the safe loader constructs it, or _SLOW."""
    value = ev.value
    if ev.tag is not None and ev.tag != "!":
        return _SLOW
    if ev.implicit[0]:  # plain: resolved by the same rules as the safe loader's resolver
        for tag, regexp in _RESOLVERS.get(value[0] if value else "", _WILDCARD):
            if regexp.match(value):
                break
        else:
            return value
    else:
        return value  # quoted or block text
    if tag == _STR_TAG:
        return value
    if tag == _INT_TAG and sum(c.isdigit() for c in value) > MAX_INT_DIGITS:
        return _SLOW
    if tag == _MERGE_TAG or tag not in _CONSTRUCTOR.yaml_constructors:
        return _SLOW
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value, ev.start_mark, ev.end_mark))


def _fast_parse(text: str) -> Any:
    """The data of one clean YAML document, or _SLOW when anything needs the checked path."""
    loader = YamlLoader(text)
    try:
        ev = loader.get_event()  # StreamStart
        ev = loader.get_event()
        if not isinstance(ev, yaml.DocumentStartEvent):
            return _SLOW
        stack: list[Any] = []  # open lists and mappings
        keys: list[Any] = []  # per open mapping: the pending key, or None
        result: Any = _SLOW
        while True:
            ev = loader.get_event()
            cls = type(ev)
            if cls is yaml.ScalarEvent:
                if ev.anchor is not None:
                    return _SLOW
                value = _scalar(ev)
                if value is _SLOW:
                    return _SLOW
                is_container = False
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                if ev.anchor is not None or (ev.tag is not None and ev.tag != "!") or len(stack) >= MAX_DEPTH:
                    return _SLOW
                value = {} if cls is yaml.MappingStartEvent else []
                is_container = True
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                done = stack.pop()
                keys.pop()
                if not stack:
                    result = done
                continue
            elif cls is yaml.DocumentEndEvent:
                break
            else:  # an alias, or anything unexpected
                return _SLOW
            if stack:
                top = stack[-1]
                if type(top) is dict:
                    key = keys[-1]
                    if key is None:  # this is a key
                        if is_container or type(value) is not str or value in top or value == "<<":
                            return _SLOW
                        keys[-1] = value
                        continue
                    top[key] = value
                    keys[-1] = None
                else:
                    top.append(value)
            elif not is_container:
                result = value
            if is_container:
                stack.append(value)
                keys.append(None)
        if not isinstance(loader.get_event(), yaml.StreamEndEvent):
            return _SLOW  # more than one document
        return result
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return _SLOW
    finally:
        loader.dispose()


def _scan_events(name: str, text: str) -> list[Problem]:
    """Refuse aliases (they can expand exponentially), explicit tags (they can name types)
    and deep nesting, from the event stream alone."""
    problems = []
    depth = 0
    try:
        for ev in yaml.parse(text, Loader=YamlLoader):
            line = ev.start_mark.line + 1
            if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    problems.append(
                        Problem(name, line, "", f"lists and mappings are nested more than {MAX_DEPTH} deep")
                    )
                    break
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            if isinstance(ev, yaml.AliasEvent):
                problems.append(Problem(name, line, "", f"YAML aliases (*{ev.anchor}) are not allowed"))
            elif getattr(ev, "anchor", None):
                problems.append(Problem(name, line, "", f"YAML anchors (&{ev.anchor}) are not allowed"))
            elif getattr(ev, "tag", None) and ev.tag != "!":
                problems.append(Problem(name, line, "", f"YAML tags ({ev.tag}) are not allowed"))
            if len(problems) >= 20:
                break
    except yaml.YAMLError:
        pass  # the error is reported by the composer with its line
    return problems


def _check_nodes(name: str, root: yaml.Node, loader: Any, pf: PackFile | None) -> tuple[list[Problem], bool]:
    """Problems of the node tree -> (problems, fatal). Only duplicate keys are not fatal."""
    problems: list[Problem] = []
    fatal = False

    def where(loc: tuple) -> str:
        return format_path(pf, loc) if pf is not None else ".".join(str(x) for x in loc)

    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                line = key.start_mark.line + 1
                if not isinstance(key, yaml.ScalarNode):
                    problems.append(Problem(name, line, where(loc), "a key must be plain text, not a list or mapping"))
                    fatal = True
                    continue
                k = str(key.value)
                if key.tag == _MERGE_TAG:
                    problems.append(Problem(name, line, where(loc), "YAML merge keys (<<) are not allowed"))
                    fatal = True
                    continue
                if key.tag != _STR_TAG:
                    what = _TAG_NAMES.get(key.tag, "something other than text")
                    problems.append(
                        Problem(name, line, where((*loc, k)), f"key {k!r} is read as {what}; put it in quotes")
                    )
                    fatal = True
                elif k in seen:
                    problems.append(Problem(name, line, where((*loc, k)), "duplicate key"))
                seen.add(k)
                stack.append((value, (*loc, k)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, (*loc, i)) for i, v in enumerate(node.value))
        elif isinstance(node, yaml.ScalarNode):
            line = node.start_mark.line + 1
            if node.tag == _INT_TAG and sum(c.isdigit() for c in node.value) > MAX_INT_DIGITS:
                problems.append(
                    Problem(name, line, where(loc), f"number has more than {MAX_INT_DIGITS} digits")
                )
                fatal = True
            elif node.tag == _TIMESTAMP_TAG:
                try:
                    yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
                except (ValueError, OverflowError) as err:
                    problems.append(
                        Problem(name, line, where(loc), f"{node.value!r} is not a valid date ({err})")
                    )
                    fatal = True
        if len(problems) > MAX_PROBLEMS_PER_FILE:
            break
    return problems, fatal


def _read_csv(pf: PackFile, text: str) -> tuple[Any, Any, list[Problem]]:
    fields = pf.model.model_fields
    expected = [name for name, info in fields.items() if info.is_required()]  # columns every file has
    optional = [name for name in fields if name not in expected]  # columns a file may leave out
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as err:
        return None, None, [Problem(pf.name, 1, "", f"cannot read the header row: {_csv_error(err)}")]
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in fields]
    doubled = sorted({c for c in header if header.count(c) > 1})
    if missing or extra or doubled:
        parts = []
        if missing:
            parts.append("missing column(s) " + ", ".join(missing))
        if extra:
            parts.append("unknown column(s) " + ", ".join(repr(c) for c in extra))
        if doubled:
            parts.append("repeated column(s) " + ", ".join(doubled))
        hint = ""
        if len(header) == 1 and any(sep in header[0] for sep in ";\t"):
            hint = "; columns must be separated by commas"
        also = f"; optional: {','.join(optional)}" if optional else ""
        return None, None, [Problem(pf.name, 1, "", "; ".join(parts) + f" (expected: {','.join(expected)}{also}){hint}")]
    rows = []
    row_lines: list[int] = []  # the line each validated row ends on, for later cross-reference errors
    while len(problems) <= MAX_PROBLEMS_PER_FILE:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(Problem(pf.name, reader.line_num, "", f"CSV syntax error: {_csv_error(err)}"))
            continue
        line = reader.line_num
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(pf.name, line, "", f"row has {len(cells)} fields; the header has {len(header)}"))
            continue
        # An empty cell of an optional column means the row does not give that value.
        record = {h: c.strip() for h, c in zip(header, cells) if c.strip() or h not in optional}
        try:
            rows.append(pf.adapter.validate_python(record))
            row_lines.append(line)
        except ValidationError as err:
            for e in err.errors():
                problems.append(Problem(pf.name, line, format_path(pf, e["loc"]), _message(e)))
    return rows, row_lines, problems


def _csv_error(err: Exception) -> str:
    text = str(err)
    if "field larger than field limit" in text:
        return f"a field is longer than {csv.field_size_limit():,} characters"
    if "unexpected end of data" in text:
        return "a quoted field is not closed before the end of the file"
    return text


# --------------------------------------------------------------------------
# Error locations
# --------------------------------------------------------------------------


def _yaml_problem(pf: PackFile, root: Any, error: Mapping[str, Any]) -> Problem:
    loc = tuple(error["loc"])
    return Problem(pf.name, line_of(root, loc), format_path(pf, loc), _message(error, top=not loc))


def _is_index(part: Any) -> bool:
    return isinstance(part, int) and not isinstance(part, bool)


def format_path(pf: PackFile, loc: Iterable[Any]) -> str:
    """(3, 'figure', 'low') in claims.yaml -> 'claims[3].figure.low'."""
    loc = tuple(p for p in loc if p != "[key]")
    if pf.format == "csv":  # a CSV problem names its line; the field is the column
        return next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    out = pf.attr if typing.get_origin(pf.model) is list else ""
    for part in loc:
        out = out + f"[{part}]" if _is_index(part) else _join(out, str(part))
    return out


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def line_of(root: Any, loc: Iterable[Any]) -> int:
    """The 1-based line of the YAML node at ``loc``, or of its nearest existing parent."""
    node = root.node if isinstance(root, _LazyRoot) else root
    if node is None:
        return 0
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and str(key.value) == str(part):
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and _is_index(part) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def _found(value: Any) -> str:
    """What a value is, in the words of the file's author."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return "text"


def _message(error: Mapping[str, Any], *, top: bool = False) -> str:
    kind = error["type"]
    msg = str(error["msg"])
    value = error.get("input")
    if kind == "extra_forbidden":
        return "unknown field (not in the schema)"
    if kind == "missing":
        return "required field is missing"
    if top and kind == "list_type":
        return f"the file must hold a list of records (- id: ...), but holds {_found(value)}"
    if top and kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"the file must hold a mapping of fields (key: value), but holds {_found(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be a mapping of fields (key: value), not {_found(value)}"
    if kind == "list_type":
        return f"must be a list, not {_found(value)}"
    if kind == "string_type" and isinstance(value, (bool, int, float, dt.date)):
        return f"must be text, not {_found(value)} (got {value!s}); put it in quotes"
    if kind == "string_pattern_mismatch" and "a-z0-9" in msg:
        msg = "must be an id of lowercase letters, digits and single hyphens"
    elif kind == "string_pattern_mismatch" and r"\d+\." in msg:
        msg = "must be a version number like 1.2.0"
    msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if "input" in error and kind not in ("value_error",) and not isinstance(value, (dict, list)):
        shown = repr(value)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        msg += f" (got {shown})"
    return msg


# --------------------------------------------------------------------------
# Cross-references and uniqueness
# --------------------------------------------------------------------------


def _ref_kind(annotation: Any) -> str | None:
    """The ``Ref`` kind inside an annotation such as list[ClaimId] or TechniqueId | None."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, m.Ref):
            return meta.kind
    for arg in typing.get_args(annotation):
        kind = _ref_kind(arg)
        if kind:
            return kind
    return None


_REF_FIELDS: dict[type, dict[str, str]] = {}


def ref_fields(model: type[BaseModel]) -> dict[str, str]:
    """{field name: referenced kind} for a model class (cached)."""
    if model not in _REF_FIELDS:
        found = {}
        for name, info in model.model_fields.items():
            kind = _ref_kind(info.annotation)
            if kind is None:
                kind = next((x.kind for x in info.metadata if isinstance(x, m.Ref)), None)
            if kind:
                found[name] = kind
        _REF_FIELDS[model] = found
    return _REF_FIELDS[model]


# Which Dataset attribute defines the ids of each kind of cross-reference.
ID_SOURCES: dict[str, str] = {
    "reference": "references",
    "technique": "techniques",
    "claim": "claims",
    "lab": "labs",
    "risk": "risks",
    "crux": "cruxes",
    "grade-index": "grades_meta",
    "flow-node": "outlook",
}


def _ids_of(values: Mapping[str, Any]) -> dict[str, set[str]]:
    """The ids of each kind whose defining file validated; kinds of failed files are absent."""
    ids: dict[str, set[str]] = {}
    for kind, attr in ID_SOURCES.items():
        value = values.get(attr)
        if value is None:
            continue
        if attr == "grades_meta":
            ids[kind] = {i.id for i in value.indices}
        elif attr == "outlook":
            ids[kind] = {n.id for n in value.flow_nodes}
        else:
            ids[kind] = {x.id for x in value}
    return ids


def known_ids(ds: Dataset) -> dict[str, set[str]]:
    return _ids_of({attr: getattr(ds, attr) for attr in ID_SOURCES.values()})


_CONTAINERS = (BaseModel, list, dict)


def _walk(obj: Any, loc: tuple) -> Iterator[tuple[Any, tuple]]:
    """Every model, list and dict inside ``obj`` with its location (plain values are skipped)."""
    yield obj, loc
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if isinstance(value, _CONTAINERS):
                yield from _walk(value, (*loc, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            if isinstance(item, _CONTAINERS):
                yield from _walk(item, (*loc, i))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, _CONTAINERS):
                yield from _walk(v, (*loc, k))


def check_references(ds: Dataset, nodes: Mapping[str, Any]) -> list[Problem]:
    """Ids unique within each list; every id a record cites exists; pack-specific rules."""
    values = {pf.attr: getattr(ds, pf.attr) for pf in PACK_FILES}
    return sorted(set(_reference_problems(values, nodes, known_ids(ds))), key=_problem_order)


def _reference_problems(
    values: Mapping[str, Any], nodes: Mapping[str, Any], ids: Mapping[str, set[str]]
) -> list[Problem]:
    """Cross-reference problems among the files present in ``values``.

    A reference to a kind absent from ``ids`` (its file did not validate) is not checked.
    """
    problems: list[Problem] = []

    def report(pf: PackFile, loc: tuple, message: str, line: int | None = None) -> None:
        root = nodes.get(pf.name)
        if line is None:
            line = line_of(root, loc) if root is not None else 0
        problems.append(Problem(pf.name, line, format_path(pf, loc), message))

    for pf in PACK_FILES:
        value = values.get(pf.attr)
        if value is None:
            continue
        for obj, loc in _walk(value, ()):
            if isinstance(obj, list) and obj and all(hasattr(x, "id") for x in obj):
                seen: set[str] = set()
                for i, item in enumerate(obj):
                    if item.id in seen:
                        report(pf, (*loc, i, "id"), f"duplicate id {item.id!r}")
                    seen.add(item.id)
            if not isinstance(obj, BaseModel):
                continue
            for name, kind in ref_fields(type(obj)).items():
                if kind not in ids:
                    continue
                cited = getattr(obj, name)
                for j, ident in enumerate(cited if isinstance(cited, list) else [cited]):
                    if ident is not None and ident not in ids[kind]:
                        where = (*loc, name, j) if isinstance(cited, list) else (*loc, name)
                        csv_line = _csv_line(pf, nodes, loc)
                        report(pf, where, f"unknown {kind} id {ident!r}", csv_line)

    problems.extend(_pack_rules(values, nodes))
    return problems


def _csv_line(pf: PackFile, nodes: Mapping[str, Any], loc: tuple) -> int | None:
    if pf.format != "csv":
        return None
    lines = nodes.get(pf.name) or ()
    return lines[loc[0]] if loc and isinstance(loc[0], int) and loc[0] < len(lines) else 0


def _pack_rules(values: Mapping[str, Any], nodes: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    pack = PACK_FILES_BY_NAME["pack.yaml"]
    meta = values.get("meta")
    for name in meta.files if meta is not None else ():
        if name not in PACK_FILES_BY_NAME:
            problems.append(
                Problem(pack.name, line_of(nodes.get(pack.name), ("files", name)), f"files.{name}", _unknown_file_message(name))
            )
    grades_meta = values.get("grades_meta")
    indices = {i.id: i for i in grades_meta.indices} if grades_meta is not None else {}
    for attr, kind in (("grades", "letter"), ("scores", "percent")):
        pf = next(p for p in PACK_FILES if p.attr == attr)
        lines = nodes.get(pf.name) or ()
        seen: set[tuple[str, str, str]] = set()
        for i, row in enumerate(values.get(attr) or ()):
            line = lines[i] if i < len(lines) else 0
            key = (row.index, row.lab, row.domain)
            if key in seen:
                problems.append(Problem(pf.name, line, "", f"duplicate row for {', '.join(key)}"))
            seen.add(key)
            index = indices.get(row.index)
            if index is None:
                continue  # reported as an unknown id (or grades.yaml did not validate)
            if index.kind != kind:
                problems.append(Problem(pf.name, line, "index", f"index {row.index!r} is a {index.kind} index"))
            if row.domain not in index.domains:
                problems.append(
                    Problem(pf.name, line, "domain", f"{row.domain!r} is not a domain of {row.index!r} ({', '.join(index.domains)})")
                )
    cx = PACK_FILES_BY_NAME["cruxes.yaml"]
    for i, crux in enumerate(values.get("cruxes") or ()):
        positions = {p.id for p in crux.positions}
        for side in ("low_position", "high_position"):
            pid = getattr(crux, side)
            if pid is not None and pid not in positions:
                loc = (i, side)
                problems.append(
                    Problem(cx.name, line_of(nodes.get(cx.name), loc), format_path(cx, loc), f"{pid!r} is not a position of this crux")
                )
    est = PACK_FILES_BY_NAME["estimates.yaml"]
    seen_tech: set[str] = set()
    for i, e in enumerate(values.get("estimates") or ()):
        if e.technique in seen_tech:
            loc = (i, "technique")
            problems.append(
                Problem(est.name, line_of(nodes.get(est.name), loc), format_path(est, loc), f"a second estimate for {e.technique!r}")
            )
        seen_tech.add(e.technique)
    return problems
