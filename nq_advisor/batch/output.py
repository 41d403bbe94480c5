"""The batch output file: never the input, never through a symbolic link, always 0600, resumable.

Batch output holds advice on persons (social data), so it is opened with
``O_NOFOLLOW`` (a planted link cannot redirect it onto another file) and set
to mode 0600 even when the file existed with wider permissions.  A name that
resolves to the input (same path or same inode, e.g. a hard link) is refused
before anything is truncated.  ``--resume`` continues an interrupted run: the
output is kept, a last line cut off mid-write is removed, and input rows up to
the last line already written are skipped (output is written in input order).
"""
from __future__ import annotations

import csv
import errno
import json
import os
import stat

from nq_advisor.batch.texts import bt
from nq_advisor.errors import UsageError, os_reason

OWNER_ONLY = 0o600


def refuse_same_file(input_path: str, output_path: str | None, lang: str = "de") -> None:
    """UsageError when the output would overwrite the input (same resolved path or same inode)."""
    if output_path is None or input_path == "-":
        return
    same = os.path.realpath(input_path) == os.path.realpath(output_path)
    if not same and os.path.exists(output_path) and os.path.exists(input_path):
        try:
            same = os.path.samefile(input_path, output_path)
        except OSError:
            same = False
    if same:
        raise UsageError(bt("output.is_input", lang, path=output_path))


def open_output(path: str, append: bool, lang: str = "de"):
    """The output opened for writing (UTF-8 text), not through a symbolic link, with mode 0600."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | (os.O_APPEND if append else os.O_TRUNC)
    try:
        descriptor = os.open(path, flags, OWNER_ONLY)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UsageError(bt("output.symlink", lang, path=path)) from None
        raise UsageError(bt("output.cannot_write", lang, path=path, reason=os_reason(exc, lang))) from None
    try:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.fchmod(descriptor, OWNER_ONLY)  # an existing file keeps its mode through O_CREAT
    except OSError:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "w", encoding="utf-8", newline="")


def resume_point(path: str, fmt: str, lang: str = "de") -> tuple[int, bool]:
    """(last input line already in the output, whether the output has content) for ``--resume``.

    A last line without its newline (the run was killed while writing it) is cut off first."""
    try:
        if os.path.islink(path):
            raise UsageError(bt("output.symlink", lang, path=path))
        size = os.path.getsize(path)
    except FileNotFoundError:
        return 0, False
    if size == 0:
        return 0, False
    _cut_partial_last_line(path, size)
    last = 0
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        if fmt == "csv":
            reader = csv.reader(handle)
            header = next(reader, [])
            column = header.index("line") if "line" in header else None
            for cells in reader:
                if column is not None and column < len(cells) and cells[column].isdigit():
                    last = max(last, int(cells[column]))
            return last, bool(header)
        for text in handle:
            try:
                record = json.loads(text)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("line"), int):
                last = max(last, record["line"])
    return last, True


def _cut_partial_last_line(path: str, size: int) -> None:
    with open(path, "rb+") as handle:
        handle.seek(max(0, size - 1))
        if handle.read(1) == b"\n":
            return
        position = size
        block = 65536
        while position > 0:
            start = max(0, position - block)
            handle.seek(start)
            chunk = handle.read(position - start)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                handle.truncate(start + newline + 1)
                return
            position = start
        handle.truncate(0)
