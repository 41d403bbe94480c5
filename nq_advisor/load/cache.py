"""A cache of the loaded, validated knowledge base, so that a start skips YAML parsing and checks.

Kept in the user's cache directory (``$XDG_CACHE_HOME/nq-advisor`` or
``~/.cache/nq-advisor``; folder 0700, files 0600), one file per knowledge base,
named by a SHA-256 over the knowledge and rule files (names and bytes), the
program version and the loader's own source, so that any change to either makes
a new entry.  The format is JSON of the plain data (items, fields, parameters,
rules with their condition trees), with tagged dates, tuples and the model's
dataclasses from a fixed list: loading it can never execute code.

A cache that cannot be read, is malformed, belongs to another key, format or
user, or is writable by others is ignored and rebuilt.  Nothing is written when
``NQ_ADVISOR_NO_CACHE`` is set (``nq-advisor --no-cache``) or the folder cannot
be made private.  Only a knowledge base without problems is cached;
``kb validate`` always reads the files.
"""
from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import os
import stat
from pathlib import Path

from nq_advisor.load import conditions as c
from nq_advisor.load import model as m

NO_CACHE_ENV = "NQ_ADVISOR_NO_CACHE"
FORMAT = "nq-advisor-kb-cache"
FORMAT_VERSION = 1
KEEP_ENTRIES = 8   # newest cache files kept; older ones (edited knowledge bases) are removed

# the classes a cache may contain, by name; anything else makes a cache invalid
_CLASSES = {cls.__name__: cls for cls in (
    m.Item, m.FieldDef, m.ParamValue, m.Rule, m.Source, m.PriorityRaise,
    c.Literal, c.FactRef, c.AttrRef, c.ParamRef, c.Arithmetic, c.Compare, c.Derived, c.InForce, c.All, c.Any_)}
_INDEXES = ("rules_by_id", "rules_by_subject", "derivations_by_name")  # rebuilt by index_rules()


class _NotCacheable(Exception):
    """The knowledge base holds a value the cache format does not represent; it is not cached."""


def enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "").strip() in ("", "0")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base and os.path.isabs(base) else Path.home() / ".cache") / "nq-advisor"


def key_of(files: list[Path], root: Path) -> str:
    """SHA-256 of the knowledge base files (relative names and bytes), the version and the loader's source."""
    from nq_advisor import __version__

    digest = hashlib.sha256(f"{FORMAT}/{FORMAT_VERSION}/{__version__}\0".encode())
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    for file in files:
        digest.update(str(file.relative_to(root)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def load(key: str, root: Path) -> m.KnowledgeBase | None:
    """The cached knowledge base for ``key``, or None when there is no trustworthy, valid entry."""
    path = cache_dir() / f"{key}.json"
    try:
        with open(path, "rb") as file:
            info = os.fstat(file.fileno())
            if not _private(info) or not _private(os.stat(path.parent)):
                return None
            document = json.loads(file.read(), object_hook=_decode_object)
        if document.get("format") != FORMAT or document.get("version") != FORMAT_VERSION \
                or document.get("key") != key:
            return None
        return _decode_kb(document["kb"], root)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def store(key: str, kb: m.KnowledgeBase) -> None:
    """Write the cache entry atomically (0600 in a 0700 folder); any failure leaves no entry."""
    try:
        document = {"format": FORMAT, "version": FORMAT_VERSION, "key": key, "kb": _encode_kb(kb)}
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    except _NotCacheable:
        return
    folder = cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.stat().st_uid != os.getuid():
            return
        os.chmod(folder, 0o700)
        import tempfile  # only when writing: it imports shutil, random and the compressors

        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")  # created 0600
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, folder / f"{key}.json")
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(folder)
    except OSError:
        return


def _private(info: os.stat_result) -> bool:
    """Owned by this user and neither group- nor world-writable (else someone else could plant knowledge)."""
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        old.unlink(missing_ok=True)


# encoding ---------------------------------------------------------------------------

def _encode_kb(kb: m.KnowledgeBase) -> dict:
    return {f.name: _encode(getattr(kb, f.name)) for f in dataclasses.fields(kb)
            if f.name not in _INDEXES and f.name != "root"}


def _encode(value):
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _NotCacheable(value)
        return value
    if isinstance(value, datetime.datetime):
        raise _NotCacheable(value)
    if isinstance(value, datetime.date):
        return {"$d": value.isoformat()}
    if isinstance(value, tuple):
        return {"$t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) and not k.startswith("$") for k in value):
            return {"$m": [[_encode(k), _encode(v)] for k, v in value.items()]}
        return {k: _encode(v) for k, v in value.items()}
    name = type(value).__name__
    if dataclasses.is_dataclass(value) and _CLASSES.get(name) is type(value):
        return {"$": name, "f": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    raise _NotCacheable(type(value))


def _decode_kb(data: dict, root: Path) -> m.KnowledgeBase:
    kb = m.KnowledgeBase(root=root, **data)
    kb.index_rules()
    return kb


def _decode_object(value: dict):
    """json's object hook: every JSON object, innermost first, back into its value."""
    if "$" in value:
        return _CLASSES[value["$"]](**value["f"])
    if "$d" in value:
        return datetime.date.fromisoformat(value["$d"])
    if "$t" in value:
        return tuple(value["$t"])
    if "$m" in value:
        return {_hashable(k): v for k, v in value["$m"]}
    return value


def _hashable(key):
    if isinstance(key, (list, dict)):
        raise TypeError("unhashable key in cache")
    return key
