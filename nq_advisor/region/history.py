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

from nq_advisor.errors import InputError, UsageError, os_reason
from nq_advisor.inference.facts import facts_document
from nq_advisor.private_files import write_private
from nq_advisor.load import limits
from nq_advisor.load.yamlsource import LocatedDict, LocatedList, load_yaml_text, plain
from nq_advisor.i18n import t
from nq_advisor.region.texts import tr

FORMAT = "nq-advisor-region-history/1"
END_MARK = "# end of history: {count} snapshots"
_HEADERS = {"de": "# Verlauf einer Region, geschrieben von nq-advisor (nq-advisor region track). Mit Bedacht "
                  "bearbeiten.\n",
            "en": "# Region history of nq-advisor (nq-advisor region track). Edit with care.\n"}
_END_MARK = re.compile(r"^# end of history: (\d+) snapshots\s*$")


@dataclass
class Snapshot:
    date: datetime.date
    facts: dict


@dataclass
class History:
    path: Path
    snapshots: list[Snapshot] = field(default_factory=list)
    lang: str = "de"  # of the messages about this history

    @property
    def last(self) -> Snapshot | None:
        return self.snapshots[-1] if self.snapshots else None

    def add(self, snapshot: Snapshot) -> bool:
        """Append ``snapshot``; a snapshot of the same day as the last one replaces it (returns True).

        A date before the last snapshot is refused: the history runs forward in time."""
        last = self.last
        if last is not None and snapshot.date < last.date:
            raise UsageError(tr("history.before_last", self.lang, path=self.path, date=snapshot.date.isoformat(),
                                last=last.date.isoformat()))
        if last is not None and snapshot.date == last.date:
            self.snapshots[-1] = snapshot
            return True
        self.snapshots.append(snapshot)
        return False


def _at(line: int, message: str, lang: str) -> str:
    return t("input.line", lang, line=line, message=message) if line else message


def load_history(path: str | os.PathLike, advisor, lang: str = "de", must_exist: bool = False) -> History:
    """Read and validate a history file; a missing or empty file is an empty history
    (unless ``must_exist``). Every problem names file, line and what is allowed, in ``lang``."""
    file = Path(path)
    history = History(file, lang=lang)
    if not file.exists():
        if must_exist:
            raise UsageError(t("input.file_not_found", lang, path=file))
        return history
    if file.is_dir():
        raise UsageError(tr("history.is_folder", lang, path=file))
    try:
        text = limits.read_bounded(file)
    except limits.LimitExceeded as exc:
        raise InputError([_at(exc.line, exc.render(lang), lang)], str(file)) from None
    except OSError as exc:
        raise UsageError(t("input.cannot_read", lang, path=file, reason=os_reason(exc, lang))) from None
    if not text.strip():
        return history
    if text.startswith(tuple(_HEADERS.values())):  # written by save_history: a missing end mark says most about a cut
        _check_complete(text, None, file, lang)
    data, problems = load_yaml_text(text, str(file))
    if problems:
        raise InputError([_at(p.line, p.render(lang), lang) for p in problems], str(file))
    if not isinstance(data, LocatedDict):
        raise InputError([_at(1, tr("history.not_mapping", lang, format=FORMAT), lang)], str(file))
    unknown = [k for k in data if k not in ("format", "snapshots")]
    if unknown:
        raise InputError([_at(data.line_of(unknown[0]), tr("history.unknown_key", lang, name=unknown[0]), lang)],
                         str(file))
    if data.get("format") != FORMAT:
        raise InputError([_at(data.line_of("format") if "format" in data else 1,
                              tr("history.bad_format", lang, format=FORMAT, value=repr(data.get("format"))[:80]),
                              lang)], str(file))
    snapshots = data.get("snapshots")
    if not isinstance(snapshots, LocatedList):
        raise InputError([_at(data.line_of("snapshots") if "snapshots" in data else 1, tr("history.not_list", lang),
                              lang)], str(file))
    for index, raw in enumerate(snapshots):
        line = snapshots.line_of(index)
        history.snapshots.append(_snapshot(raw, line, file, advisor, lang, history.last))
    _check_complete(text, len(history.snapshots), file, lang)
    return history


def _check_complete(text: str, count: int | None, file: Path, lang: str = "de") -> None:
    """Refuse a file whose end mark is missing or counts other snapshots (None: not known yet):
    it was cut short (or edited)."""
    lines = text.rstrip().splitlines()
    match = _END_MARK.match(lines[-1]) if lines else None
    if count is None:
        if match is not None:
            return
        count = "N"
    if match is None:
        raise InputError([_at(len(lines), tr("history.no_end_mark", lang, mark=END_MARK.format(count="N"),
                                             expected=END_MARK.format(count=count)), lang)], str(file))
    if int(match.group(1)) != count:
        raise InputError([_at(len(lines), tr("history.wrong_count", lang, marked=match.group(1), count=count), lang)],
                         str(file))


def _snapshot(raw, line: int, file: Path, advisor, lang: str, previous: Snapshot | None) -> Snapshot:
    if not isinstance(raw, LocatedDict) or set(raw) != {"date", "region"}:
        raise InputError([_at(line, tr("history.snapshot_keys", lang), lang)], str(file))
    date = raw["date"]
    if isinstance(date, datetime.datetime) or not isinstance(date, datetime.date):
        raise InputError([_at(raw.line_of("date"), tr("history.not_date", lang, value=repr(date)[:80]), lang)],
                         str(file))
    if previous is not None and date <= previous.date:
        raise InputError([_at(raw.line_of("date"), tr("history.not_after", lang, date=date.isoformat(),
                                                      previous=previous.date.isoformat()), lang)], str(file))
    _, facts = advisor.parse({"region": plain(raw["region"])}, lang, f"{file}:{raw.line_of('region')}")
    return Snapshot(date, facts)


def save_history(history: History) -> None:
    """Write atomically with mode 0600: temporary file in the same folder, fsync, rename."""
    folder = history.path.parent if str(history.path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(tr("history.no_folder", history.lang, path=history.path, folder=folder))
    document = {"format": FORMAT, "snapshots": [
        {"date": s.date, "region": facts_document(s.facts)}
        for s in history.snapshots]}
    text = _HEADERS.get(history.lang, _HEADERS["en"]) + \
        yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100) + \
        END_MARK.format(count=len(history.snapshots)) + "\n"
    write_private(history.path, text)
