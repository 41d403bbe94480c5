"""What the speed work (issue 17) and conditional priorities (issue 12) promise a user.

The knowledge base cache is private, keyed by the files, never trusted when foreign or
malformed, and can be switched off; JSON for programs is one line and for people indented;
commands import only what they use; `priority_raised` raises a recommendation's priority
while its condition holds, is validated, and is asked for by the interview.
"""
import datetime
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from nq_advisor import Advisor
from nq_advisor.cli import main
from nq_advisor.load import cache, loader

MINI_KB = Path(__file__).parent / "fixtures" / "mini_kb"
ROOT = Path(__file__).resolve().parent.parent
AS_OF = datetime.date(2026, 11, 23)


@pytest.fixture
def kb_copy(tmp_path):
    target = tmp_path / "kb"
    shutil.copytree(MINI_KB, target)
    return target


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return home / "nq-advisor"


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _forbid_yaml_loading(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the knowledge base was read from YAML although the cache holds it")
    monkeypatch.setattr(loader, "check_knowledge_base", fail)


# --- cache --------------------------------------------------------------------------------

def test_second_load_comes_from_a_private_cache_and_equals_the_files(kb_copy, cache_home, monkeypatch):
    first = loader.load_knowledge_base(kb_copy)
    [entry] = _entries(cache_home)
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    _forbid_yaml_loading(monkeypatch)
    second = loader.load_knowledge_base(kb_copy)
    assert (second.items, second.fields, second.parameters, second.rules) == \
        (first.items, first.fields, first.parameters, first.rules)
    assert Advisor(second).advise({"person": {"degree": "none", "age": 20, "full_time": True}}, as_of=AS_OF).to_dict() \
        == Advisor(first).advise({"person": {"degree": "none", "age": 20, "full_time": True}}, as_of=AS_OF).to_dict()


def test_bundled_knowledge_base_gives_the_same_advice_from_the_cache(cache_home):
    files = Advisor.load(cache=False)
    Advisor.load()  # writes the cache
    cached = Advisor.load()
    document = {"person": {"target_occupation": "fachkraft_lagerlogistik", "experience_months_in_target": 60,
                           "basic_skills_need": False, "age": 40, "state": "NW", "employment": "unemployed"}}
    assert cached.advise(document, as_of=AS_OF).to_dict() == files.advise(document, as_of=AS_OF).to_dict()


def test_an_edited_file_is_read_again(kb_copy, cache_home):
    loader.load_knowledge_base(kb_copy)
    rules = kb_copy / "rules" / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("priority: 4", "priority: 5"), encoding="utf-8")
    kb = loader.load_knowledge_base(kb_copy)
    assert kb.rules_by_id["premium_unemployed"].priority == 5
    assert len(_entries(cache_home)) == 2


@pytest.mark.parametrize("content", ["not json", '{"format": "nq-advisor-kb-cache"}', "[1, 2]",
                                     '{"$": "system", "f": {"command": "touch /tmp/x"}}'])
def test_a_malformed_cache_is_ignored_and_rebuilt(kb_copy, cache_home, content):
    loader.load_knowledge_base(kb_copy)
    [entry] = _entries(cache_home)
    entry.write_text(content, encoding="utf-8")
    kb = loader.load_knowledge_base(kb_copy)
    assert "exam_by_experience" in kb.rules_by_id
    assert json.loads(entry.read_text(encoding="utf-8"))["format"] == cache.FORMAT  # rebuilt


def _tampered(entry: Path) -> None:
    """A cache with the right key whose knowledge was changed (e.g. planted by someone else)."""
    entry.write_text(entry.read_text(encoding="utf-8").replace('"priority":4', '"priority":9'), encoding="utf-8")


def test_a_cache_writable_by_others_is_not_trusted(kb_copy, cache_home):
    loader.load_knowledge_base(kb_copy)
    [entry] = _entries(cache_home)
    _tampered(entry)
    os.chmod(entry, 0o666)
    assert loader.load_knowledge_base(kb_copy).rules_by_id["premium_unemployed"].priority == 4
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_cache_for_another_key_is_ignored(kb_copy, cache_home):
    loader.load_knowledge_base(kb_copy)
    [entry] = _entries(cache_home)
    document = json.loads(entry.read_text(encoding="utf-8"))
    document["key"] = "0" * 64
    entry.write_text(json.dumps(document), encoding="utf-8")
    assert loader.load_knowledge_base(kb_copy).rules_by_id["premium_unemployed"].priority == 4


def test_no_cache_reads_and_writes_nothing(kb_copy, cache_home, monkeypatch):
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    loader.load_knowledge_base(kb_copy)
    assert not cache_home.exists()
    monkeypatch.delenv(cache.NO_CACHE_ENV)
    result = CliRunner().invoke(main, ["--no-cache", "kb", "list", "--kb", str(kb_copy)])
    assert result.exit_code == 0, result.output
    assert not cache_home.exists()
    os.environ.pop(cache.NO_CACHE_ENV, None)  # the flag sets it for the rest of its process


def test_a_knowledge_base_with_problems_is_never_cached(cache_home):
    with pytest.raises(Exception):
        loader.load_knowledge_base(Path(__file__).parent / "fixtures" / "broken_kb")
    assert _entries(cache_home) == []


# --- JSON and imports ------------------------------------------------------------------------

def test_json_is_one_line_for_programs_and_indented_on_request(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text("person: {degree: none, age: 20, full_time: true}\n", encoding="utf-8")
    args = ["advise", str(case), "--format", "json", "--as-of", "2026-11-23", "--kb", str(MINI_KB)]
    compact = CliRunner().invoke(main, args)
    again = CliRunner().invoke(main, args + ["--compact"])
    pretty = CliRunner().invoke(main, args + ["--pretty"])
    assert compact.exit_code == pretty.exit_code == 0
    assert compact.output.count("\n") == 1 and compact.output == again.output  # byte-identical
    assert pretty.output.startswith('{\n  "subject": "person"')
    assert json.loads(compact.output) == json.loads(pretty.output)
    assert list(json.loads(compact.output)) == list(json.loads(pretty.output))  # same key order


def _modules_after(args: list[str]) -> set[str]:
    code = ("import sys\nfrom nq_advisor.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(m for m in ('experta', 'tabulate') if m in sys.modules)), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code] + args, capture_output=True, text=True, cwd=ROOT)
    return set(result.stderr.strip().splitlines()[-1].split()) if result.stderr.strip() else set()


def test_help_imports_no_engine_and_json_no_table_library():
    assert _modules_after(["--help"]) == set()
    example = str(ROOT / "examples" / "person_lagerhelfer.yaml")
    assert _modules_after(["advise", example, "--format", "json"]) == {"experta"}
    assert _modules_after(["advise", example]) == {"experta", "tabulate"}


# --- priority_raised ---------------------------------------------------------------------

LAGER = {"target_occupation": "fachkraft_lagerlogistik", "experience_months_in_target": 60, "age": 40}


def _recommendation(advice, ref):
    return next(r for r in advice.recommendations if r.ref == ref)


def test_priority_rises_only_when_the_raise_condition_is_known_to_hold(advisor):
    raised = _recommendation(advisor.advise({"person": {**LAGER, "basic_skills_need": False}}, as_of=AS_OF),
                             "externenpruefung")
    unknown = _recommendation(advisor.advise({"person": LAGER}, as_of=AS_OF), "externenpruefung")
    assert (raised.priority, raised.rule) == (1, "externenpruefung_berufserfahrung")
    assert (unknown.priority, unknown.rule) == (2, "externenpruefung_berufserfahrung")
    assert raised.reasons[0].startswith("Genug Berufserfahrung für die Zulassung und kein Grundbildungsbedarf")
    assert not unknown.reasons[0].startswith("Genug Berufserfahrung")
    assert not any(r.endswith("_vorrangig") for r in advisor.kb.rules_by_id)


def test_the_why_not_names_each_failed_rule_once(advisor):
    advice = advisor.advise({"person": {**LAGER, "experience_months_in_target": 10, "basic_skills_need": False,
                                         "competence_evidence": False}},
                            as_of=AS_OF)
    entries = [n for n in advice.not_recommended if n.ref == "externenpruefung"]
    rules = [n.rule for n in entries]
    assert "externenpruefung_berufserfahrung" in rules and len(rules) == len(set(rules))


def test_the_interview_asks_what_can_raise_a_recommended_priority(advisor):
    session = advisor.interview("person", facts=LAGER, as_of=AS_OF)
    raising = [d for d in session.open_decisions() if d.ref == "externenpruefung"]
    assert raising and raising[0].recommended and raising[0].priority == 1
    assert "basic_skills_need" in raising[0].missing
    session.answer("basic_skills_need", False)
    assert not [d for d in session.open_decisions() if d.ref == "externenpruefung"]
    assert _recommendation(session.advice(), "externenpruefung").priority == 1


RAISE_RULE = """
- id: exam_raised
  subject: person
  recommends: exam
  priority: 2
  because: {de: x, en: x}
  sources: [{url: "https://example.org/r", checked: 2026-11-23}]
  when: {fact: experience, ge: 1}
  priority_raised: %s
"""


@pytest.mark.parametrize("spec, message", [
    ("{to: 2, when: {fact: full_time, eq: true}, because: {de: y, en: y}}",
     "'to' must be at least 1 and better (smaller) than the rule's priority 2, not 2"),
    ("{to: 1, when: {fact: full_tim, eq: true}, because: {de: y, en: y}}", "unknown person field 'full_tim'"),
    ("{to: 1, when: {fact: full_time, eq: true}}", "priority_raised: missing required key 'because'"),
    ("{to: 1, when: {fact: full_time, eq: true}, because: {de: y, en: y}, why: z}", "unknown key 'why'"),
    ("[1]", "priority_raised must be a mapping with 'to', 'when' and 'because'"),
])
def test_a_malformed_priority_raise_is_reported_with_file_and_line(kb_copy, spec, message):
    rules = kb_copy / "rules" / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + RAISE_RULE % spec, encoding="utf-8")
    result = CliRunner().invoke(main, ["kb", "validate", "--kb", str(kb_copy)])
    assert result.exit_code != 0
    assert "rules/rules.yaml:" in result.output and message in result.output, result.output


def test_texts_kept_between_cases_equal_those_of_a_fresh_advisor():
    """Worded conditions and distances are kept per knowledge base and reused by later cases: a case
    advised after hundreds of others (ages, dates, languages mixed) reads exactly as on its own."""
    import random

    sys.path.insert(0, str(ROOT / "bench"))
    from cases import random_facts

    warm = Advisor.load()
    rng = random.Random(11)
    cases = [(subject, random_facts(warm.kb, subject, rng, known), day, lang)
             for subject in ("person", "region") for known in (0.3, 0.8) for _ in range(40)
             for day, lang in ((AS_OF, "de"), (datetime.date(2020, 3, 1), "en"))]
    warmed = [warm.advise_facts(*case).to_dict() for case in cases]
    for case, seen in list(zip(cases, warmed))[::7]:
        fresh = Advisor.load(cache=False)
        assert fresh.advise_facts(*case).to_dict() == seen, case
