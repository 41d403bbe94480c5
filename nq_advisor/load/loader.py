"""Load a knowledge base directory (knowledge/*.yaml, rules/*.yaml) and check all of it.

Every problem is collected and reported at once as ``file:line: message``;
:func:`load_knowledge_base` raises :class:`KnowledgeBaseError` listing them.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from nq_advisor.load import conditions as c
from nq_advisor.errors import KnowledgeBaseError, Problem
from nq_advisor.load.model import FieldDef, Item, KnowledgeBase, ParamValue, Source
from nq_advisor.load.rule_parser import RuleParser
from nq_advisor.load.says import coverage_problems, field_says_problems
from nq_advisor.load.shapes import COMMON_KEYS, KIND_KEYS, SOURCED_KINDS, ShapeChecker, is_date, is_name
from nq_advisor.load.texts import Msg, hint, problem
from nq_advisor.load.yamlsource import LocatedDict, LocatedList, load_yaml_items

ENV_VAR = "NQ_ADVISOR_KB"


def bundled_root() -> Path:
    """The bundled knowledge base: installed beside the package, or the checkout root."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "kb"
    if (installed / "knowledge").is_dir():
        return installed
    return package.parent


def resolve_root(path: str | os.PathLike | None) -> Path:
    if path:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else bundled_root()


def _yaml_files(root: Path, sub: str) -> list[Path]:
    folder = root / sub
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")) if folder.is_dir() else []


def root_problem(root: Path) -> Msg | None:
    """Why ``root`` is no knowledge base folder (missing, a file, without knowledge/ and rules/), or None.

    Checked before anything is read, so that a mistyped ``--kb``/NQ_ADVISOR_KB is named as such rather
    than hashed or loaded as an empty knowledge base.
    """
    if not root.exists():
        return Msg("kb.no_such_folder")
    if not root.is_dir():
        return Msg("kb.not_a_folder")
    if not (root / "knowledge").is_dir() or not (root / "rules").is_dir():
        return Msg("kb.not_a_kb")
    return None


def content_hash(root: Path) -> str:
    """'sha256:' and 16 hex digits over the names and bytes of the knowledge and rule files, in sorted order.

    The advice carries it (``meta.knowledge_base``) so that a stored advice can be traced to the
    knowledge that gave it; the same files give the same hash wherever they are installed.
    """
    digest = hashlib.sha256()
    for sub in ("knowledge", "rules"):
        for file in sorted(_yaml_files(root, sub), key=lambda f: f.name):
            data = file.read_bytes()
            digest.update(f"{sub}/{file.name}\0{len(data)}\0".encode())
            digest.update(data)
    return "sha256:" + digest.hexdigest()[:16]


def load_knowledge_base(path: str | os.PathLike | None = None, use_cache: bool = True,
                        lang: str = "de") -> KnowledgeBase:
    """Load and validate; raise KnowledgeBaseError with every problem found (in ``lang``).

    A knowledge base without problems is cached (:mod:`nq_advisor.load.cache`); the next
    load of the same files reads the cache instead of parsing and checking the YAML.
    """
    from nq_advisor.load import cache

    root = resolve_root(path)
    key = None
    if use_cache and cache.enabled() and (root / "knowledge").is_dir() and (root / "rules").is_dir():
        key = cache.key_of(_yaml_files(root, "knowledge") + _yaml_files(root, "rules"), root)
        cached = cache.load(key, root)
        if cached is not None:
            return cached
    kb, problems = check_knowledge_base(root)
    errors = [p for p in problems if p not in kb.wording_gaps]  # gaps: kb validate reports them (load/says.py)
    if errors:
        raise KnowledgeBaseError(errors, lang)
    if key is not None:
        cache.store(key, kb)
    return kb


def check_knowledge_base(path: str | os.PathLike | None = None) -> tuple[KnowledgeBase, list[Problem]]:
    root = resolve_root(path)
    kb = KnowledgeBase(root=root)
    problems: list[Problem] = []
    unusable = root_problem(root)
    if unusable is not None:
        return kb, [problem(str(root), 0, unusable)]
    kb.content_hash = content_hash(root)

    raw_items: list[tuple[LocatedDict, str]] = []
    unreadable: set[str] = set()  # ids of items lost to a syntax error: references to them are follow-on errors
    for file in _yaml_files(root, "knowledge"):
        name = _display(file, root)
        data, found, lost = _read(file, name)
        problems += found
        unreadable |= lost
        if data is None:
            continue
        if not isinstance(data, LocatedList):
            problems.append(problem(name, getattr(data, "line", 1), Msg("kb.file_not_list")))
            continue
        for index, raw in enumerate(data):
            if not isinstance(raw, LocatedDict):
                problems.append(problem(name, data.line_of(index), Msg("kb.item_not_mapping")))
            else:
                raw_items.append((raw, name))

    field_items: list[Item] = []
    problems += _collect_items(kb, raw_items, field_items)
    problems += _cross_check_items(kb)
    for item in field_items:
        problems += _make_field(kb, item)

    rule_files = []
    for file in _yaml_files(root, "rules"):
        name = _display(file, root)
        data, found, lost = _read(file, name)
        problems += found
        unreadable |= lost
        if data is not None:
            rule_files.append((data, name))
    derived = _derived_names(rule_files)
    parser = RuleParser(kb.items, kb.fields, kb.parameters, derived)
    for data, name in rule_files:
        kb.rules.extend(parser.parse_file(data, name))
    problems += parser.problems
    kb.index_rules()
    problems += _check_rule_ids(kb)
    problems += _check_derivation_cycles(kb)
    kb.wording_gaps = coverage_problems(kb)   # reported by kb validate; loading falls back (load/says.py)
    problems += kb.wording_gaps
    return kb, _without_follow_on_errors(problems, unreadable)


def _read(file: Path, name: str):
    """(items, problems, unreadable ids) of one file; a file without any item is a problem too."""
    data, problems, unreadable = load_yaml_items(file, name)
    if data is None and not problems:
        problems = [problem(name, 1, Msg("kb.comments_only"))]
    return data, problems, unreadable


_UNKNOWN_NAME = re.compile(r"unknown [^']*'([^']*)'")


def _without_follow_on_errors(problems: list[Problem], unreadable: set[str]) -> list[Problem]:
    """Drop 'unknown ...' problems about ids whose definition could not be read (one syntax error
    would otherwise be reported again at every use of what it hides)."""
    if not unreadable:
        return problems
    kept = []
    for found in problems:
        match = _UNKNOWN_NAME.search(found.message)
        if match and match.group(1) in unreadable and not found.message.startswith("invalid YAML"):
            continue
        kept.append(found)
    return kept


def _listed(value) -> list:
    """``value`` when it is a list, else nothing (the shape check has reported it)."""
    return value if isinstance(value, list) else []


def _display(file: Path, root: Path) -> str:
    try:
        return str(file.relative_to(root))
    except ValueError:
        return str(file)


def _collect_items(kb: KnowledgeBase, raw_items, field_items: list[Item]) -> list[Problem]:
    """Shape-check every item; fact fields go to ``field_items``, everything else into ``kb.items``."""
    problems: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}
    for raw, file in raw_items:
        checker = ShapeChecker(file)
        kind = raw.get("kind")
        item_id = raw.get("id", "?")
        if not is_name(kind) or kind not in KIND_KEYS:
            checker.add(raw.line_of("kind") if "kind" in raw else raw.line,
                        Msg("kb.unknown_kind", id=item_id, kind=repr(kind)[:60], hint=hint(kind, KIND_KEYS),
                            allowed=", ".join(sorted(KIND_KEYS))))
            problems += checker.problems
            continue
        spec = dict(COMMON_KEYS, **KIND_KEYS[kind])
        if kind in SOURCED_KINDS:
            spec["sources"] = (True, "sources")
        what = Msg("what.item", kind=kind, id=item_id)
        checker.check_keys(raw, spec, what)
        start, end = raw.get("valid_from"), raw.get("valid_until")
        if is_date(start) and is_date(end) and end < start:
            checker.add(raw.line_of("valid_until"), Msg("kb.valid_until_before", what=what, end=end, start=start))
        problems += checker.problems
        if not isinstance(item_id, str):
            continue
        key = f"{raw.get('subject')}.{item_id}" if kind == "field" else item_id  # fields: one namespace per subject
        if key in seen:
            first_file, first_line = seen[key]
            problems.append(problem(file, raw.line, Msg("kb.duplicate_id", id=item_id, where=f"{first_file}:{first_line}")))
            continue
        seen[key] = (file, raw.line)
        data = dict(raw)
        data["sources"] = [Source(s["url"], s["checked"], s.get("title", "")) for s in _listed(raw.get("sources"))
                           if isinstance(s, dict) and "url" in s and is_date(s.get("checked"))]
        item = Item(item_id, kind, data, file, raw.line)
        item.raw = raw  # type: ignore[attr-defined]  # keeps line numbers for cross checks
        if kind == "field":
            field_items.append(item)
        else:
            kb.items[item_id] = item
    return problems


def _cross_check_items(kb: KnowledgeBase) -> list[Problem]:
    problems: list[Problem] = []
    for item in kb.items.values():
        raw = item.raw  # type: ignore[attr-defined]
        if item.kind == "occupation" and is_name(raw.get("sector")):
            problems += _ref_problem(kb, item, raw, "sector", raw["sector"], "sector")
        if item.kind == "occupation" and isinstance(raw.get("successors"), list):
            for index, ref in enumerate(raw["successors"]):
                problems += _ref_problem(kb, item, raw["successors"], index, ref, "occupation")
            if "successor_from" not in raw:
                problems.append(problem(item.file, raw.line_of("successors"),
                                        Msg("kb.successor_from", what=Msg("what.item", kind=item.kind, id=item.id))))
        if item.kind == "action":
            problems += _action_ref_problems(kb, item, raw)
        if item.kind == "target_group":
            for index, ref in enumerate(raw["support"] if isinstance(raw.get("support"), list) else []):
                if is_name(ref):
                    problems += _ref_problem(kb, item, raw["support"], index, ref, None)
        if item.kind == "parameter" and isinstance(raw.get("values"), list):
            entries = [e for e in raw["values"] if isinstance(e, dict) and is_date(e.get("from"))]
            kb.parameters[item.id] = [
                ParamValue(e["from"], e.get("until") if is_date(e.get("until")) else _day_before(nxt), e.get("value"))
                for e, nxt in zip(entries, [n.get("from") for n in entries[1:]] + [None])
            ]
    return problems


def _action_ref_problems(kb, item, raw) -> list[Problem]:
    """An action names the occupations it suggests, its sector and the strategy step it serves."""
    problems = []
    for index, ref in enumerate(raw.get("occupations") or [] if isinstance(raw.get("occupations"), list) else []):
        if is_name(ref):
            problems += _ref_problem(kb, item, raw["occupations"], index, ref, "occupation")
    for key, kind in (("sector", "sector"), ("strategy_step", "strategy_step")):
        if isinstance(raw.get(key), str):
            problems += _ref_problem(kb, item, raw, key, raw[key], kind)
    return problems


def _day_before(day):
    import datetime
    return None if day is None else day - datetime.timedelta(days=1)


def _ref_problem(kb, item, container, key, ref, kind) -> list[Problem]:
    target = kb.items.get(ref)
    line = container.line_of(key)
    if target is None:
        candidates = [i.id for i in kb.items.values() if kind is None or i.kind == kind]
        return [problem(item.file, line, Msg("kb.unknown_ref", what=Msg("what.item", kind=item.kind, id=item.id),
                                             ref=ref, hint=hint(ref, candidates)))]
    if kind is not None and target.kind != kind:
        return [problem(item.file, line, Msg("kb.wrong_kind", ref=ref, kind=target.kind, expected=kind))]
    return []


def _make_field(kb: KnowledgeBase, item: Item) -> list[Problem]:
    raw = item.raw  # type: ignore[attr-defined]
    problems: list[Problem] = []
    ftype, ref_kind = raw.get("type"), raw.get("ref_kind")
    values = tuple(raw["values"]) if isinstance(raw.get("values"), list) else ()
    if not is_name(ftype) or (ref_kind is not None and not is_name(ref_kind)):
        return problems  # the shape check has named it
    low, high = raw.get("min"), raw.get("max")
    what = Msg("what.field", id=item.id)
    if isinstance(low, int) and isinstance(high, int) and low > high:
        problems.append(problem(item.file, raw.line_of("max"), Msg("kb.max_below_min", what=what, high=high, low=low)))
    if ftype in ("enum",) and not values:
        problems.append(problem(item.file, raw.line, Msg("kb.field_needs", what=what, type=ftype, needs="'values'")))
    if ftype == "ref" and not ref_kind:
        problems.append(problem(item.file, raw.line, Msg("kb.field_needs", what=what, type=ftype, needs="'ref_kind'")))
    if ftype == "list" and not values and not ref_kind:
        problems.append(problem(item.file, raw.line, Msg("kb.field_needs", what=what, type=ftype,
                                                         needs=Msg("kb.or", a="values", b="ref_kind"))))
    if ref_kind is not None:
        if ref_kind not in KIND_KEYS:
            problems.append(problem(item.file, raw.line_of("ref_kind"), Msg(
                "kb.unknown_ref_kind", what=what, ref_kind=ref_kind, hint=hint(ref_kind, KIND_KEYS))))
        values = tuple(sorted(i.id for i in kb.items.values() if i.kind == ref_kind))
    if raw.get("absent_means") == "never" and ftype != "int":
        problems.append(problem(item.file, raw.line_of("absent_means"), Msg("kb.absent_means", what=what)))
    subject = raw.get("subject")
    if subject in ("person", "region") and ftype is not None:
        kb.fields.setdefault(subject, {})[item.id] = FieldDef(
            id=item.id, subject=subject, type=ftype, title=raw.get("title") or {},
            minimum=raw.get("min"), maximum=raw.get("max"), values=values, ref_kind=ref_kind,
            help=raw.get("help"), value_titles=raw.get("value_titles"), question=raw.get("question"),
            grows=raw.get("grows"), grows_while=raw.get("grows_while"), absent_means=raw.get("absent_means"),
            says=raw.get("says") if isinstance(raw.get("says"), dict) else None, unit=raw.get("unit"),
            ordered=raw.get("ordered") is True)
    problems += [problem(item.file, line, message) for line, message in field_says_problems(raw, item.id)]
    return problems


def _derived_names(rule_files) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for data, _ in rule_files:
        for raw in data if isinstance(data, list) else []:
            if isinstance(raw, dict) and is_name(raw.get("derives")) and is_name(raw.get("subject")):
                names.setdefault(raw["subject"], set()).add(raw["derives"])
    return names


def _check_rule_ids(kb: KnowledgeBase) -> list[Problem]:
    problems, seen = [], {}
    for rule in kb.rules:
        if rule.id in seen:
            problems.append(problem(rule.file, rule.line, Msg("kb.duplicate_rule", id=rule.id, where=seen[rule.id])))
        else:
            seen[rule.id] = f"{rule.file}:{rule.line}"
    return problems


def _check_derivation_cycles(kb: KnowledgeBase) -> list[Problem]:
    """A derived fact must not depend on itself, directly or through other derived facts."""
    problems = []
    uses: dict[tuple[str, str], set[str]] = {}
    for rule in kb.rules:
        if rule.derives:
            key = (rule.subject, rule.derives)
            uses.setdefault(key, set()).update(a.name for a in c.atoms(rule.condition) if isinstance(a, c.Derived))

    def reaches(start, target, subject, seen):
        for name in uses.get((subject, start), ()):
            if name == target or (name not in seen and reaches(name, target, subject, seen | {name})):
                return True
        return False

    for rule in kb.rules:
        if rule.derives and reaches(rule.derives, rule.derives, rule.subject, set()):
            problems.append(problem(rule.file, rule.line, Msg("kb.cycle", name=rule.derives)))
    return problems
