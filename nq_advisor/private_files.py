"""Write files so that nothing is lost and nobody else can read them.

A file is written to a temporary file in the same directory, created with
owner-only permissions (``mkstemp`` uses 0600 regardless of the umask), flushed
to disk and then renamed over the target with ``os.replace``: a reader, a crash
or a killed process sees the old file or the new one, never half of one, and
the content is never readable by others, not even for a moment.

A process killed between creating the temporary file and the rename (kill -9,
power loss) leaves ``.NAME.xxxxxxxx.tmp`` behind, holding personal data; every
write first removes such leftovers of the same target (regular files of this
user only, never through a symbolic link).
"""
from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

import yaml

OWNER_ONLY = 0o600
_cleaned: set[str] = set()


def write_private(path: str | os.PathLike, content: str) -> None:
    """Replace ``path`` atomically with ``content`` (UTF-8), permissions 0600."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    key = os.path.abspath(target)
    if key not in _cleaned:  # leftovers come from an earlier process: once per target is enough
        remove_stale_temporaries(target)
        _cleaned.add(key)
    fd, temp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, OWNER_ONLY)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    _sync_directory(directory)


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete temporary files an interrupted earlier write of ``target`` left behind; returns them."""
    directory = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(re.escape(f".{target.name}.") + r"[A-Za-z0-9_]{6,}\.tmp")
    removed = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        if not pattern.fullmatch(name):
            continue
        candidate = directory / name
        try:
            info = os.lstat(candidate)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid():
                os.unlink(candidate)
                removed.append(candidate)
        except OSError:
            continue
    return removed


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def dump_yaml(data) -> str:
    """YAML as people read it: umlauts as they are, keys in the given order."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
