"""Reading one pack file: YAML (safe, bounded, with line numbers) and CSV, into data and node marks."""

from __future__ import annotations

import csv
import io
from typing import Any

import yaml
from pydantic import ValidationError

from dashboard.pack.dataset import PackFile
from dashboard.pack.limits import MAX_DEPTH, MAX_INT_DIGITS, MAX_PROBLEMS_PER_FILE
from dashboard.pack.locations import error_message, format_path, yaml_problem
from dashboard.pack.problems import Problem

YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

BOM = b"\xef\xbb\xbf"
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
        return None, [
            Problem(
                name,
                line,
                "",
                f"is not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}); save the file as UTF-8",
            )
        ]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [Problem(name, line, "", "contains a NUL byte; is this a binary file?")]
    if not text.strip():
        return None, [Problem(name, 0, "", "file is empty")]
    return text, []


def read_file(pf: PackFile, raw: bytes) -> tuple[Any, Any, list[Problem]]:
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
        return None, None, problems + [yaml_problem(pf, root, e) for e in err.errors()]


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
        return data, LazyRoot(text), []
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
        return (
            None,
            None,
            [
                Problem(
                    name,
                    line,
                    "",
                    f"character U+{char:04X} is not allowed in YAML ({err.reason})",
                )
            ],
        )
    except yaml.YAMLError as err:  # pragma: no cover - libyaml reports unmarked errors rarely
        return None, None, [Problem(name, 0, "", f"YAML error: {err}")]
    except (
        ValueError,
        OverflowError,
        RecursionError,
    ) as err:  # pragma: no cover - guarded by _check_nodes
        return None, None, [Problem(name, 0, "", f"cannot read a value: {err}")]
    finally:
        loader.dispose()


# The common case, a clean file, is read in one pass over the parser's events: data is built
# straight from them, without composing a node tree, resolving it and constructing from it
# (about 3x faster on large packs). At the first thing that is not plainly clean (a tag, an
# anchor, an alias, deep nesting, a key that is not text, a duplicate key, a long integer,
# an impossible date, a syntax error), it gives up and the file is read again by the checked
# path below, which reports every problem with its line. Node trees for line numbers
# are then composed only when a problem needs one (``LazyRoot``).

_SLOW = object()  # "read this file with the checked path"
_RESOLVERS = {
    first: [*rules, *YamlLoader.yaml_implicit_resolvers.get(None, [])]
    for first, rules in YamlLoader.yaml_implicit_resolvers.items()
    if first is not None
}
_WILDCARD = list(YamlLoader.yaml_implicit_resolvers.get(None, []))
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class LazyRoot:
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
                        Problem(
                            name,
                            line,
                            "",
                            f"lists and mappings are nested more than {MAX_DEPTH} deep",
                        )
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
                    problems.append(
                        Problem(
                            name,
                            line,
                            where(loc),
                            "a key must be plain text, not a list or mapping",
                        )
                    )
                    fatal = True
                    continue
                k = str(key.value)
                if key.tag == _MERGE_TAG:
                    problems.append(
                        Problem(
                            name,
                            line,
                            where(loc),
                            "YAML merge keys (<<) are not allowed",
                        )
                    )
                    fatal = True
                    continue
                if key.tag != _STR_TAG:
                    what = _TAG_NAMES.get(key.tag, "something other than text")
                    problems.append(
                        Problem(
                            name,
                            line,
                            where((*loc, k)),
                            f"key {k!r} is read as {what}; put it in quotes",
                        )
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
                    Problem(
                        name,
                        line,
                        where(loc),
                        f"number has more than {MAX_INT_DIGITS} digits",
                    )
                )
                fatal = True
            elif node.tag == _TIMESTAMP_TAG:
                try:
                    yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
                except (ValueError, OverflowError) as err:
                    problems.append(
                        Problem(
                            name,
                            line,
                            where(loc),
                            f"{node.value!r} is not a valid date ({err})",
                        )
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
        return (
            None,
            None,
            [Problem(pf.name, 1, "", f"cannot read the header row: {_csv_error(err)}")],
        )
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
        return (
            None,
            None,
            [
                Problem(
                    pf.name,
                    1,
                    "",
                    "; ".join(parts) + f" (expected: {','.join(expected)}{also}){hint}",
                )
            ],
        )
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
            problems.append(
                Problem(
                    pf.name,
                    line,
                    "",
                    f"row has {len(cells)} fields; the header has {len(header)}",
                )
            )
            continue
        # An empty cell of an optional column means the row does not give that value.
        record = {h: c.strip() for h, c in zip(header, cells) if c.strip() or h not in optional}
        try:
            rows.append(pf.adapter.validate_python(record))
            row_lines.append(line)
        except ValidationError as err:
            for e in err.errors():
                problems.append(Problem(pf.name, line, format_path(pf, e["loc"]), error_message(e)))
    return rows, row_lines, problems


def _csv_error(err: Exception) -> str:
    text = str(err)
    if "field larger than field limit" in text:
        return f"a field is longer than {csv.field_size_limit():,} characters"
    if "unexpected end of data" in text:
        return "a quoted field is not closed before the end of the file"
    return text
