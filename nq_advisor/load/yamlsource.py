"""Safe YAML loading that remembers where every mapping, key and list item came from.

Validation messages must point at ``file:line``.  PyYAML's safe loader drops
positions, so the constructor here builds :class:`Located` mappings and lists
that carry the line of the node and of each key/item.  Duplicate keys, which
PyYAML silently overwrites, are reported; an invalid date such as
``2024-13-01`` is kept as a string so that validation can name it instead of
crashing inside the parser.

The input policy of :mod:`nq_advisor.load.limits` is enforced while the value is
built: every alias use counts again towards ``MAX_NODES`` (so a "billion laughs"
stops after a bounded amount of work), nesting beyond ``MAX_DEPTH``, integers of
more than ``MAX_INT_DIGITS`` digits and over-long strings are problems at their
line.  A syntax error in a list of items can be confined to the one item it is in
(:func:`load_yaml_items`), so that it does not hide every other item of the file.
"""
from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import yaml

from nq_advisor.errors import Problem
from nq_advisor.load import limits
from nq_advisor.load.limits import LimitExceeded
from nq_advisor.load.texts import Msg, os_reason, problem, yaml_reason

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LocatedDict(dict):
    """A mapping with ``line`` (1-based) and ``key_lines`` {key: line}."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A list with ``line`` and ``item_lines`` (one per element)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader (libyaml when available) recording positions."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, str]] = []
        self.nodes_built = 0


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            key = str(key)
        if key in result:
            loader.duplicate_keys.append((key_node.start_mark.line + 1, str(key)))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _RecursiveAlias(yaml.MarkedYAMLError):
    pass


_INT_TAG = "tag:yaml.org,2002:int"
_ScalarNode = yaml.ScalarNode
# the limits, bound once (this function runs for every value of every file at start-up)
_MAX_NODES, _MAX_STRING_CHARS, _MAX_INT_DIGITS = limits.MAX_NODES, limits.MAX_STRING_CHARS, limits.MAX_INT_DIGITS


def _build(loader: _Loader, node: yaml.Node, building: set, depth: int = 1) -> Any:
    """The located value of a composed node.

    Does what ``construct_document`` does with the constructors registered above,
    walking the node tree directly: about twice as fast, which matters for the
    command line's cold start.  Scalars use the safe loader's own constructors.
    Raises LimitExceeded when the document breaks the input policy.
    """
    loader.nodes_built += 1
    if loader.nodes_built > _MAX_NODES:
        raise LimitExceeded(Msg("limit.aliases", limit=_MAX_NODES), node.start_mark.line + 1)
    if type(node) is _ScalarNode:
        value = node.value
        if len(value) > _MAX_STRING_CHARS:
            limits.check_string(value, node.start_mark.line + 1)
        tag = node.tag
        if tag == _INT_TAG and len(value) > _MAX_INT_DIGITS:
            limits.check_int_literal(value, node.start_mark.line + 1)
        constructor = loader.yaml_constructors.get(tag) or loader.yaml_constructors[None]
        return constructor(loader, node)
    if depth > limits.MAX_DEPTH:
        raise LimitExceeded(Msg("limit.depth", limit=limits.MAX_DEPTH), node.start_mark.line + 1)
    if id(node) in building:
        raise _RecursiveAlias(None, None, "recursive alias (a node that contains itself)", node.start_mark)
    building.add(id(node))
    try:
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise LimitExceeded(Msg("limit.tag", tag=node.tag, what=Msg("limit.tag.lists")),
                                    node.start_mark.line + 1)
            result = LocatedList(_build(loader, child, building, depth + 1) for child in node.value)
            result.line = node.start_mark.line + 1
            result.item_lines = [child.start_mark.line + 1 for child in node.value]
            return result
        if node.tag != "tag:yaml.org,2002:map":
            raise LimitExceeded(Msg("limit.tag", tag=node.tag, what=Msg("limit.tag.mappings")), node.start_mark.line + 1)
        loader.flatten_mapping(node)
        mapping = LocatedDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = _build(loader, key_node, building, depth + 1)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                key = str(key)
            if key in mapping:
                loader.duplicate_keys.append((key_node.start_mark.line + 1, str(key)))
            mapping[key] = _build(loader, value_node, building, depth + 1)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping
    finally:
        building.discard(id(node))


def plain(value):
    """Located mappings and lists back to plain dicts and lists (for data handed on)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def load_yaml_text(text: str, filename: str, first_line: int = 1) -> tuple[Any, list[Problem]]:
    """Parse YAML text safely; return (data, problems).  Data is None on a syntax error or a broken limit.

    ``first_line``: the line of the file where ``text`` starts (for a part of a file)."""
    if len(text) > limits.MAX_DOCUMENT_BYTES:
        return None, [problem(filename, 0, limits.too_large_message(len(text.encode("utf-8"))))]
    offset = first_line - 1
    loader = _Loader("\n" * offset + text if offset else text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _build(loader, node, set())
    except LimitExceeded as exc:
        return None, [problem(filename, exc.line, exc.text)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        reason = exc.problem or str(exc)
        return None, [problem(filename, line, Msg("yaml.invalid", reason=yaml_reason(reason)))]
    except yaml.YAMLError as exc:
        return None, [problem(filename, 0, Msg("yaml.invalid", reason=yaml_reason(str(exc))))]
    except (ValueError, OverflowError, RecursionError) as exc:  # a scalar the safe constructors cannot convert
        return None, [problem(filename, 0, Msg("yaml.invalid_value", reason=exc))]
    finally:
        loader.dispose()
    problems = [
        problem(filename, line, Msg("yaml.duplicate_key", key=key))
        for line, key in loader.duplicate_keys
    ]
    return data, problems


def read_yaml_source(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """The text of a file under the input policy (size, UTF-8), or a located problem."""
    try:
        return limits.read_bounded(path), []
    except LimitExceeded as exc:
        return None, [problem(name, exc.line, exc.text)]
    except OSError as exc:
        return None, [problem(name, 0, Msg("yaml.cannot_read", reason=os_reason(exc)))]


def load_yaml_file(path: Path, display_name: str | None = None) -> tuple[Any, list[Problem]]:
    """Read and parse one YAML file; unreadable, oversized or non-UTF-8 files become problems."""
    name = display_name or str(path)
    text, problems = read_yaml_source(path, name)
    if text is None:
        return None, problems
    return load_yaml_text(text, name)


_MAX_BROKEN_ITEMS = 5  # a file with more syntax errors is reported up to here (each costs one more parse)
_TOP_ITEM = re.compile(r"^- ", re.MULTILINE)
_ITEM_ID = re.compile(r"(?:^|[{,\s])id: *['\"]?([A-Za-z0-9_]+)", re.MULTILINE)


def load_yaml_items(path: Path, display_name: str | None = None) -> tuple[Any, list[Problem], set[str]]:
    """Like :func:`load_yaml_file` for a file that is a block list of items (knowledge, rules).

    On a syntax error or a broken limit the file is read again item by item (each top-level ``- `` starts one),
    so the error is reported once, in the item it is in, and the other items are still
    checked.  Returns (items, problems, ids of the items that could not be read): references
    to those ids are follow-on errors the caller should not report."""
    name = display_name or str(path)
    text, problems = read_yaml_source(path, name)
    if text is None:
        return None, problems, set()
    if not text.strip():
        return None, [problem(name, 1, Msg("kb.empty_file"))], set()
    data, problems = load_yaml_text(text, name)
    if data is not None or not problems:
        return data, problems, set()
    starts = [m.start() for m in _TOP_ITEM.finditer(text)]
    if len(starts) < 2:
        return data, problems, set(_ITEM_ID.findall(text))
    bounds = [0] + starts[1:] + [len(text)]
    parts = [text[begin:end] for begin, end in zip(bounds, bounds[1:])]
    first_lines = list(itertools.accumulate((part.count("\n") for part in parts[:-1]), initial=1))
    reported: list[Problem] = []
    broken: set[int] = set()
    for _ in range(min(len(parts), _MAX_BROKEN_ITEMS)):  # each round blanks one more broken item
        index = _broken_part(parts, first_lines, problems[0].line, name)
        if index is None or index in broken:
            return None, reported + problems, set()
        item_line = text.count("\n", 0, starts[0]) + 1 if index == 0 else first_lines[index]
        reported.append(_in_part(problems[0], parts[index], first_lines[index], item_line))
        broken.add(index)
        # blank the item but keep its lines, so that every later line number stays right
        data, problems = load_yaml_text("".join("\n" * p.count("\n") if i in broken else p
                                                for i, p in enumerate(parts)), name)
        if data is not None or not problems:
            unreadable = {found for i in broken for found in _ITEM_ID.findall(parts[i])}
            return data, reported + problems, unreadable
    return None, reported + problems, set()


def _broken_part(parts: list[str], first_lines: list[int], line: int, name: str) -> int | None:
    """The item a problem at ``line`` belongs to.  A parser may notice an unclosed bracket or quote
    only where a later item starts (or at the end of the file), so while the item holding the line
    reads fine on its own, the one before it is to blame."""
    if line <= 0:
        return None
    found = max(i for i, first in enumerate(first_lines) if first <= line) if line >= first_lines[0] else 0
    index = found
    while index >= max(0, found - 50) and _reads_alone(parts[index], first_lines[index], name):
        index -= 1
    return index if index >= max(0, found - 50) else found


def _in_part(found: Problem, part: str, first_line: int, item_line: int) -> Problem:
    """The problem at the broken item's line (``item_line``) when the parser noticed it outside the item."""
    last_line = first_line + part.rstrip("\n").count("\n")
    if first_line <= found.line <= last_line:
        return found
    return problem(found.file, item_line, Msg("yaml.in_item", message=found.text or found.message, line=found.line))


def _reads_alone(part: str, first_line: int, name: str) -> bool:
    value, found = load_yaml_text(part, name, first_line)
    return value is not None or all("undefined alias" in p.message for p in found)
