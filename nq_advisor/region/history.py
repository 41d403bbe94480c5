"""The history file of a region: dated snapshots of its facts, in a YAML file the user names.

Format (written by ``nq-advisor region track``)::

    format: nq-advisor-region-history/1
    snapshots:
      - date: 2026-01-15
        region: {name: ..., company_structure_analysed: true, ...}

The last line, ``# end of history: N snapshots``, is written by ``save_history`` and
checked on reading: a file cut short (a full disk, an interrupted copy) still parses
as YAML with fewer snapshots, and accepting it would make the loss permanent at the
next save.  An empty file is an empty history (so that users can create one).

The file is written atomically (a temporary file in the same folder, then renamed) with
owner-only permissions (0600): region plans can name partners and internal weaknesses.
"""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nq_advisor.errors import InputError, UsageError
from nq_advisor.inference.facts import facts_document
from nq_advisor.private_files import write_private
from nq_advisor.load import limits
from nq_advisor.load.yamlsource import LocatedDict, LocatedList, load_yaml_text, plain

FORMAT = "nq-advisor-region-history/1"
END_MARK = "# end of history: {count} snapshots"
_HEADER = "# Region history of nq-advisor (nq-advisor region track). Edit with care.\n"
_END_MARK = re.compile(r"^# end of history: (\d+) snapshots\s*$")


@dataclass
class Snapshot:
    date: datetime.date
    facts: dict


@dataclass
class History:
    path: Path
    snapshots: list[Snapshot] = field(default_factory=list)

    @property
    def last(self) -> Snapshot | None:
        return self.snapshots[-1] if self.snapshots else None

    def add(self, snapshot: Snapshot) -> bool:
        """Append ``snapshot``; a snapshot of the same day as the last one replaces it (returns True).

        A date before the last snapshot is refused: the history runs forward in time."""
        last = self.last
        if last is not None and snapshot.date < last.date:
            raise UsageError(f"{self.path}: date {snapshot.date.isoformat()} lies before the last snapshot "
                             f"({last.date.isoformat()}); snapshots must be added in date order")
        if last is not None and snapshot.date == last.date:
            self.snapshots[-1] = snapshot
            return True
        self.snapshots.append(snapshot)
        return False


def load_history(path: str | os.PathLike, advisor, lang: str = "de", must_exist: bool = False) -> History:
    """Read and validate a history file; a missing or empty file is an empty history
    (unless ``must_exist``). Every problem names file, line and what is allowed."""
    file = Path(path)
    history = History(file)
    if not file.exists():
        if must_exist:
            raise UsageError(f"{file}: file not found")
        return history
    if file.is_dir():
        raise UsageError(f"{file}: is a folder, expected a history file (YAML)")
    try:
        text = limits.read_bounded(file)
    except limits.LimitExceeded as exc:
        raise InputError([f"line {exc.line}: {exc.message}" if exc.line else exc.message], str(file)) from None
    except OSError as exc:
        raise UsageError(f"{file}: cannot read file: {exc.strerror}") from None
    if not text.strip():
        return history
    if text.startswith(_HEADER):  # written by save_history: a missing end mark says most about a cut
        _check_complete(text, None, file)
    data, problems = load_yaml_text(text, str(file))
    if problems:
        raise InputError([f"line {p.line}: {p.message}" for p in problems], str(file))
    expected = f"a mapping with 'format: {FORMAT}' and 'snapshots: [...]'"
    if not isinstance(data, LocatedDict):
        raise InputError([f"line 1: expected {expected}"], str(file))
    unknown = [k for k in data if k not in ("format", "snapshots")]
    if unknown:
        raise InputError([f"line {data.line_of(unknown[0])}: unknown key '{unknown[0]}'; allowed: format, snapshots"],
                         str(file))
    if data.get("format") != FORMAT:
        raise InputError([f"line {data.line_of('format') if 'format' in data else 1}: 'format' must be "
                          f"'{FORMAT}', not {data.get('format')!r}"], str(file))
    snapshots = data.get("snapshots")
    if not isinstance(snapshots, LocatedList):
        raise InputError([f"line {data.line_of('snapshots') if 'snapshots' in data else 1}: "
                          "'snapshots' must be a list of {date, region}"], str(file))
    for index, raw in enumerate(snapshots):
        line = snapshots.line_of(index)
        history.snapshots.append(_snapshot(raw, line, file, advisor, lang, history.last))
    _check_complete(text, len(history.snapshots), file)
    return history


def _check_complete(text: str, count: int | None, file: Path) -> None:
    """Refuse a file whose end mark is missing or counts other snapshots (None: not known yet):
    it was cut short (or edited)."""
    lines = text.rstrip().splitlines()
    match = _END_MARK.match(lines[-1]) if lines else None
    if count is None:
        if match is not None:
            return
        count = "N"
    if match is None:
        raise InputError([f"line {len(lines)}: the last line '{END_MARK.format(count='N')}' is missing: the file "
                          "seems cut short and is not changed; restore it from a backup, or, if you edited it by "
                          f"hand, end it with '{END_MARK.format(count=count)}'"], str(file))
    if int(match.group(1)) != count:
        raise InputError([f"line {len(lines)}: the file ends with {match.group(1)} snapshots but holds {count}: "
                          "it seems cut short or edited and is not changed; restore it from a backup, or correct "
                          "the number"], str(file))


def _snapshot(raw, line: int, file: Path, advisor, lang: str, previous: Snapshot | None) -> Snapshot:
    if not isinstance(raw, LocatedDict) or set(raw) != {"date", "region"}:
        raise InputError([f"line {line}: each snapshot needs exactly the keys 'date' and 'region'"], str(file))
    date = raw["date"]
    if isinstance(date, datetime.datetime) or not isinstance(date, datetime.date):
        raise InputError([f"line {raw.line_of('date')}: date {date!r} is not a date (YYYY-MM-DD)"], str(file))
    if previous is not None and date <= previous.date:
        raise InputError([f"line {raw.line_of('date')}: date {date.isoformat()} is not after the previous "
                          f"snapshot ({previous.date.isoformat()}); snapshots must be in date order"], str(file))
    _, facts = advisor.parse({"region": plain(raw["region"])}, lang, f"{file}:{raw.line_of('region')}")
    return Snapshot(date, facts)


def save_history(history: History) -> None:
    """Write atomically with mode 0600: temporary file in the same folder, fsync, rename."""
    folder = history.path.parent if str(history.path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{history.path}: folder {folder} does not exist")
    document = {"format": FORMAT, "snapshots": [
        {"date": s.date, "region": facts_document(s.facts)}
        for s in history.snapshots]}
    text = _HEADER + \
        yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100) + \
        END_MARK.format(count=len(history.snapshots)) + "\n"
    write_private(history.path, text)
