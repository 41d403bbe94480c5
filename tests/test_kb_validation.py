"""A knowledge base with deliberate mistakes is rejected, each at the right file:line."""
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from nq_advisor.cli import main
from nq_advisor.errors import KnowledgeBaseError
from nq_advisor.load.loader import check_knowledge_base, load_knowledge_base

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "broken_kb"
MARK = re.compile(r"MISTAKE:\s*(.*?)\s*(?=# MISTAKE:|# DE:|$)")
MARK_DE = re.compile(r"# DE:\s*(.*?)\s*(?=# DE:|$)")
# words that give English away in a German message, and German in an English one (outside quotes)
ENGLISH_WORDS = re.compile(r"\b(line|expected|invalid|allowed|must|unknown|nested|deeper|needs|missing|duplicate|"
                           r"refers|empty|file|not|is|of|the|and|or|value|values|item|rule|field|only|more|than|lies|before|below|with|"
                           r"digits|depends|itself|limit|levels)\b")
GERMAN_WORDS = re.compile(r"\b(Zeile|muss|unbekannt\w*|erlaubt|Eintrag|Einträge|Regel|braucht|fehlt|doppelt|"
                          r"ungültig\w*|Wert|Werte|nicht|kein\w*|Datei|und|oder|mit|ist|der|die|das|liegt|unter|als|vor|"
                          r"Stellen|hängt|Ebenen)\b")


def prose(text: str) -> str:
    """A message without what it quotes from the files (ids, values, keys, {de, en}, paths like says.client)."""
    text = re.sub(r"(?<=: )[\w{}]+(?:, [\w{}]+)+(?=;|\)|$)", " ", text)  # lists of allowed ids
    text = re.sub(r"'[^']*'|\{[^{}]*\}|\[[^\]]*\]|\S+\.\S+|\S*_\S*|\(\w+\)|\w+(?:/\w+)+", " ", text)
    return re.sub(r"\b(true|false|de|en|kind|id|subject|when|scope|from|until|to|because|met|unmet|in|"
                  r"not_in|ref_kind|values|ge|gt|lt|le|in_force|person|region|int|enum|ref|list|x)\b(?=[ ,;:)]|$)",
                  " ", text)


def expected_mistakes():
    """(file, line, message fragment) for every 'MISTAKE:' comment in the broken knowledge base."""
    found = []
    for path in sorted(BROKEN.rglob("*.yaml")):
        if not path.read_bytes():  # an empty file cannot carry a comment: it is reported at line 1
            found.append((str(path.relative_to(BROKEN)), 1, "empty file"))
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "# MISTAKE:" in text:
                for fragment in MARK.findall(text[text.index("# MISTAKE:") + 2:]):
                    found.append((str(path.relative_to(BROKEN)), number, fragment))
    return found


def expected_mistakes_de():
    """(file, line, German fragment) for every '# DE:' comment beside a 'MISTAKE:' (German mode, the default)."""
    found = []
    for path in sorted(BROKEN.rglob("*.yaml")):
        if not path.read_bytes():
            found.append((str(path.relative_to(BROKEN)), 1, "leere Datei"))
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "# MISTAKE:" in text:
                fragments = MARK_DE.findall(text)
                assert fragments, f"{path}:{number}: a MISTAKE without its German text (# DE: ...)"
                found += [(str(path.relative_to(BROKEN)), number, fragment) for fragment in fragments]
    return found


def test_fixture_has_at_least_sixty_different_mistakes():
    assert len(expected_mistakes()) >= 60


@pytest.mark.parametrize("file,line,fragment", expected_mistakes())
def test_each_mistake_is_reported_at_its_line(file, line, fragment):
    _, problems = check_knowledge_base(BROKEN)
    at_line = [p.message for p in problems if p.file == file and p.line == line]
    assert any(fragment in message for message in at_line), (fragment, at_line)


@pytest.mark.parametrize("file,line,fragment", expected_mistakes_de())
def test_each_mistake_reads_in_german_at_its_line(file, line, fragment):
    _, problems = check_knowledge_base(BROKEN)
    at_line = [p.render("de") for p in problems if p.file == file and p.line == line]
    assert any(fragment in message for message in at_line), (fragment, at_line)


def test_every_problem_reads_wholly_in_the_chosen_language():
    """German mode shows no English word outside what it quotes from the files, English mode no German one."""
    _, problems = check_knowledge_base(BROKEN)
    assert len(problems) >= 90
    for problem in problems:
        german, english = problem.render("de"), problem.render("en")
        assert german != english, german
        assert not ENGLISH_WORDS.findall(prose(german)), (german, prose(german))
        assert not GERMAN_WORDS.findall(prose(english)), (english, prose(english))
        assert GERMAN_WORDS.search(prose(german)) and ENGLISH_WORDS.search(prose(english)), (german, english)
        assert problem.format("de").startswith(f"{problem.file}:{problem.line}: " if problem.line else problem.file)


def test_cli_validate_speaks_the_language_of_the_invocation():
    line_de = "knowledge/items.yaml:8: Eintrag 'lager' (occupation): 'chamber': unbekannter Wert 'ihq' (meinten Sie 'ihk'?)"
    line_en = "knowledge/items.yaml:8: occupation 'lager': 'chamber': unknown value 'ihq' (did you mean 'ihk'?)"
    german = CliRunner().invoke(main, ["kb", "validate", "--kb", str(BROKEN)])
    assert german.exit_code == 2 and line_de in german.output and line_en not in german.output
    assert "rules/deep.yaml:2: tiefer als 64 Ebenen verschachtelt" in german.output
    assert "Problem(e) in" in german.output
    for args, env in ((["kb", "validate", "--lang", "en", "--kb", str(BROKEN)], {}),
                      (["kb", "validate", "--kb", str(BROKEN)], {"NQ_ADVISOR_LANG": "en"})):
        english = CliRunner().invoke(main, args, env=env)
        assert english.exit_code == 2 and line_en in english.output and line_de not in english.output
        assert "rules/deep.yaml:2: nested deeper than 64 levels" in english.output


def test_no_problem_is_reported_that_the_fixture_does_not_mark():
    _, problems = check_knowledge_base(BROKEN)
    marked = {(file, line) for file, line, _ in expected_mistakes()}
    unmarked = [str(p) for p in problems if (p.file, p.line) not in marked]
    assert unmarked == []


def test_loading_raises_one_error_listing_all_problems():
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(BROKEN, lang="en")
    assert len(info.value.problems) >= 20
    assert "rules/rules.yaml:17: unknown person field 'agee'" in str(info.value)
    assert "rules/rules.yaml:17: unbekanntes Feld 'agee' (person)" in info.value.text("de")
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(BROKEN)  # German by default, like every text of the Python API
    assert "rules/rules.yaml:17: unbekanntes Feld 'agee' (person) (meinten Sie 'age'?)" in str(info.value)
    assert info.value.format().endswith("Probleme in der Wissensbasis")


def test_cli_validate_prints_file_line_messages_and_exits_non_zero():
    result = CliRunner().invoke(main, ["kb", "validate", "--kb", str(BROKEN), "--lang", "en"])
    assert result.exit_code == 2
    assert "knowledge/items.yaml:8: occupation 'lager': 'chamber': unknown value 'ihq'" in result.output
    assert "Traceback" not in result.output


def test_other_commands_report_a_broken_knowledge_base_without_traceback(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text("person: {age: 30}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["advise", str(case), "--kb", str(BROKEN)])
    assert result.exit_code == 2
    assert "rules/rules.yaml:17: unbekanntes Feld 'agee' (person)" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    english = CliRunner().invoke(main, ["advise", str(case), "--kb", str(BROKEN), "--lang", "en"])
    assert english.exit_code == 2
    assert "rules/rules.yaml:17: unknown person field 'agee'" in english.output
    assert "unbekannt" not in english.output


def test_the_clean_fixture_and_the_bundled_knowledge_base_validate():
    for root in (FIXTURES / "mini_kb", None):
        _, problems = check_knowledge_base(root)
        assert problems == []


def test_a_folder_that_is_no_knowledge_base_is_named(tmp_path):
    _, problems = check_knowledge_base(tmp_path)
    assert "expected the folders 'knowledge' and 'rules'" in problems[0].message
    assert "keine Wissensbasis: die Ordner 'knowledge' und 'rules' fehlen" in problems[0].render("de")


def test_hostile_files_are_checked_fast_and_one_syntax_error_is_reported_once():
    """Billion laughs, 250 nested 'all:' and a syntax error end as located problems (issue 11)."""
    _, problems = check_knowledge_base(BROKEN)
    syntax = [p for p in problems if p.file == "knowledge/syntax_cascade.yaml" and "invalid YAML" in p.message]
    assert len(syntax) == 1
    assert not [p for p in problems if "'income'" in p.message]  # the lost field causes no follow-on errors
    assert any(p.file == "rules/deep.yaml" and "nested deeper" in p.message for p in problems)


def test_kb_validate_on_hostile_files_exits_without_traceback():
    result = CliRunner().invoke(main, ["kb", "validate", "--kb", str(BROKEN), "--lang", "en"])
    assert result.exit_code == 2
    assert "knowledge/laughs.yaml:6: more than" in result.output
    assert "rules/hostile_rules.yaml:3: operator 'ge' needs a number on the right" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    german = CliRunner().invoke(main, ["kb", "validate", "--kb", str(BROKEN)])
    assert german.exit_code == 2
    assert "knowledge/laughs.yaml:6: mehr als 200000 Werte" in german.output
    assert "rules/hostile_rules.yaml:3: Operator 'ge' braucht rechts eine Zahl" in german.output
    assert german.exception is None or isinstance(german.exception, SystemExit)


def test_a_knowledge_file_that_is_not_utf8_is_reported_with_its_line(tmp_path):
    import shutil
    shutil.copytree(FIXTURES / "mini_kb", tmp_path, dirs_exist_ok=True)
    (tmp_path / "knowledge" / "extra.yaml").write_bytes(
        "- {id: kaese, kind: sector, title: {de: Käse, en: Cheese}}\n".encode("latin-1"))
    _, problems = check_knowledge_base(tmp_path)
    assert [str(p) for p in problems] == [
        "knowledge/extra.yaml:1: not UTF-8 text: byte 0xe4 at line 1; save the file as UTF-8"]
    assert [p.format("de") for p in problems] == [
        "knowledge/extra.yaml:1: kein UTF-8-Text: Byte 0xe4 in Zeile 1; bitte die Datei als UTF-8 speichern"]


def test_one_syntax_error_in_the_bundled_fields_is_one_problem(tmp_path):
    """Issue 11: a broken field item hid every use of the field (32 follow-on errors) and the aliases after it."""
    import shutil
    from nq_advisor.load.loader import bundled_root
    for folder in ("knowledge", "rules"):
        shutil.copytree(bundled_root() / folder, tmp_path / folder)
    fields = tmp_path / "knowledge" / "fields.yaml"
    text = fields.read_text(encoding="utf-8")
    cut = text.index("title: {de: ", len(text) // 3)
    fields.write_text(text[:cut] + 'title: {de: "kaputt\n' + text[cut + len("title:"):], encoding="utf-8")
    _, problems = check_knowledge_base(tmp_path)
    assert len(problems) == 1 and "invalid YAML" in problems[0].message, [str(p) for p in problems]


def test_every_condition_of_the_bundled_knowledge_base_has_wording():
    """Wording is knowledge (docs/knowledge-format.md): a field or derived fact a rule reads needs `says`."""
    _, problems = check_knowledge_base(None)
    assert [str(p) for p in problems] == []


def test_a_condition_without_wording_fails_validate_but_still_loads_and_reads_as_its_requirement(tmp_path):
    import shutil
    kb_dir = tmp_path / "kb"
    shutil.copytree(FIXTURES / "mini_kb", kb_dir)
    fields = kb_dir / "knowledge" / "fields.yaml"
    text = fields.read_text(encoding="utf-8")
    start = text.index(", says:", text.index("id: experience"))
    fields.write_text(text[:start] + "}" + text[text.index("\n", start):], encoding="utf-8")
    _, problems = check_knowledge_base(kb_dir)
    assert any("field 'experience' (person) has no client wording" in str(p) for p in problems)
    result = CliRunner().invoke(main, ["kb", "validate", "--kb", str(kb_dir)])
    assert result.exit_code == 2 and "hat keine Formulierung für Ratsuchende" in result.output
    result = CliRunner().invoke(main, ["kb", "validate", "--kb", str(kb_dir), "--lang", "en"])
    assert result.exit_code == 2 and "has no client wording" in result.output
    from nq_advisor import Advisor
    import datetime
    advice = Advisor.load(kb_dir).advise({"person": {"target": "lager", "experience": 38}},
                                         as_of=datetime.date(2024, 1, 1))
    unmet = next(n.unmet for n in advice.not_recommended if n.ref == "exam")
    assert unmet == ["Erfahrung in Monaten mindestens 54 (1,5 × 36)"]


def test_the_python_api_words_a_broken_knowledge_base_in_the_language_asked_for():
    from nq_advisor import Advisor
    with pytest.raises(KnowledgeBaseError) as info:
        Advisor.load(BROKEN, lang="en")
    assert "rules/deep.yaml:2: nested deeper than 64 levels" in str(info.value)
    assert info.value.format().endswith("problems in the knowledge base")
    assert "rules/deep.yaml:2: tiefer als 64 Ebenen verschachtelt" in info.value.text("de")
    with pytest.raises(KnowledgeBaseError) as info:
        Advisor.load(BROKEN)
    assert "rules/deep.yaml:2: tiefer als 64 Ebenen verschachtelt" in str(info.value)


def test_a_knowledge_base_without_fact_fields_is_not_ok(tmp_path):
    """Without knowledge/fields.yaml every rule would be dropped silently ('OK: 0 rules'): each
    subject the rules need is named once, at its first rule, and validation fails."""
    import shutil

    root = Path(__file__).resolve().parent.parent
    for folder in ("knowledge", "rules"):
        shutil.copytree(root / folder, tmp_path / folder)
    (tmp_path / "knowledge" / "fields.yaml").unlink()
    result = CliRunner().invoke(main, ["kb", "validate", "--kb", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert result.output.count("definiert keine Faktenfelder") == 2, result.output
    assert "subject: person" in result.output and "subject: region" in result.output
