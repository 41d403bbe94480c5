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
MARK = re.compile(r"MISTAKE:\s*(.*?)\s*(?=# MISTAKE:|$)")


def expected_mistakes():
    """(file, line, message fragment) for every 'MISTAKE:' comment in the broken knowledge base."""
    found = []
    for path in sorted(BROKEN.rglob("*.yaml")):
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "# MISTAKE:" in text:
                for fragment in MARK.findall(text[text.index("# MISTAKE:") + 2:]):
                    found.append((str(path.relative_to(BROKEN)), number, fragment))
    return found


def test_fixture_has_at_least_twenty_different_mistakes():
    assert len(expected_mistakes()) >= 20


@pytest.mark.parametrize("file,line,fragment", expected_mistakes())
def test_each_mistake_is_reported_at_its_line(file, line, fragment):
    _, problems = check_knowledge_base(BROKEN)
    at_line = [p.message for p in problems if p.file == file and p.line == line]
    assert any(fragment in message for message in at_line), (fragment, at_line)


def test_no_problem_is_reported_that_the_fixture_does_not_mark():
    _, problems = check_knowledge_base(BROKEN)
    marked = {(file, line) for file, line, _ in expected_mistakes()}
    unmarked = [str(p) for p in problems if (p.file, p.line) not in marked]
    assert unmarked == []


def test_loading_raises_one_error_listing_all_problems():
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(BROKEN)
    assert len(info.value.problems) >= 20
    assert "rules/rules.yaml:17: unknown person field 'agee'" in str(info.value)


def test_cli_validate_prints_file_line_messages_and_exits_non_zero():
    result = CliRunner().invoke(main, ["kb", "validate", "--kb", str(BROKEN)])
    assert result.exit_code == 1
    assert "knowledge/items.yaml:8: occupation 'lager': 'chamber': unknown value 'ihq'" in result.output
    assert "Traceback" not in result.output


def test_other_commands_report_a_broken_knowledge_base_without_traceback(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text("person: {age: 30}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["advise", str(case), "--kb", str(BROKEN)])
    assert result.exit_code == 1
    assert "rules/rules.yaml:17" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_the_clean_fixture_and_the_bundled_knowledge_base_validate():
    for root in (FIXTURES / "mini_kb", None):
        _, problems = check_knowledge_base(root)
        assert problems == []


def test_a_folder_that_is_no_knowledge_base_is_named(tmp_path):
    _, problems = check_knowledge_base(tmp_path)
    assert "expected the folders 'knowledge' and 'rules'" in problems[0].message


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
    assert result.exit_code == 1 and "has no client wording" in result.output
    from nq_advisor import Advisor
    import datetime
    advice = Advisor.load(kb_dir).advise({"person": {"target": "lager", "experience": 38}},
                                         as_of=datetime.date(2024, 1, 1))
    unmet = next(n.unmet for n in advice.not_recommended if n.ref == "exam")
    assert unmet == ["Erfahrung in Monaten mindestens 54 (1,5 × 36)"]
