"""Messages of the load stage (knowledge problems, limits, YAML and JSON errors) read wholly in the
reader's language: German by default, English with lang="en" (issue 10)."""
import re
import string
from pathlib import Path

import pytest

from nq_advisor.errors import InputError
from nq_advisor.load.inputs import parse_document
from nq_advisor.load.texts import TEXTS, Msg

PACKAGE = Path(__file__).resolve().parent.parent / "nq_advisor"
ENGLISH = re.compile(r"\b(line|column|expected|expecting|invalid|allowed|must|unknown|nested|deeper|found|did|"
                     r"not|find|stream|mapping|values|document|indicator|character|occurrence)\b", re.I)

BROKEN_YAML = {
    "indentation": "person:\n  age: 30\n name: x\n",
    "open list": "person: [1, 2\n",
    "open mapping": "person: {a: 1\n",
    "open quote": "person: 'abc\n",
    "bad escape": 'person: "a\\qb"\n',
    "key after list": "person:\n- a\n b: 2\n",
    "undefined alias": "person: *nope\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "list then key": "person:\n  - a\n  b: 1\n",
    "colon in text": "person: a: b\n",
    "at sign": "person: @x\n",
    "tab": "person:\n\tage: 3\n",
    "duplicate anchor": "a: &x 1\nb: &x 2\nc: *x\n",
    "closing brace": "person: {a: 1}}\n",
    "yaml version": "%YAML 2.0\n---\na: 1\n",
    "duplicate key": "person:\n  age: 30\n  age: 31\n",
    "python tag": "person: !!python/object:os.system {}\n",
}


def _message(text: str, lang: str) -> str:
    with pytest.raises(InputError) as info:
        parse_document(text, "x.yaml", lang)
    return "\n".join(info.value.messages)


def _prose(text: str) -> str:
    return re.sub(r"'[^']*'|\"[^\"]*\"", " ", text)


@pytest.mark.parametrize("name", sorted(BROKEN_YAML))
def test_a_yaml_error_reads_in_german_with_its_line_and_in_english_on_request(name):
    german, english = _message(BROKEN_YAML[name], "de"), _message(BROKEN_YAML[name], "en")
    line = re.match(r"line (\d+): ", english).group(1)
    assert german.startswith(f"Zeile {line}: "), german
    assert not ENGLISH.findall(_prose(german)), german
    assert "Zeile" not in english and "ungültig" not in english, english


def test_every_catalogue_entry_has_both_languages_with_the_same_placeholders():
    """A German text may leave out only Python's or the parser's English reason; nothing else differs."""
    def names(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, entry in TEXTS.items():
        assert set(entry) == {"de", "en"} and entry["de"].strip() and entry["en"].strip(), key
        german, english = names(entry["de"]), names(entry["en"])
        assert german - {"de"} <= english and english - german <= {"reason"}, (key, german, english)


def test_every_message_key_used_in_the_code_is_in_the_catalogue():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"""\bMsg\(\s*f?["']([a-z_.\-/{}]+)["']""", path.read_text(encoding="utf-8")))
    fixed = {key for key in used if "{" not in key}
    assert fixed and fixed <= set(TEXTS), sorted(fixed - set(TEXTS))
    prefixes = {key.split("{")[0] for key in used if "{" in key}  # Msg(f"scenario.want.{key}") and the like
    assert all(any(k.startswith(p) for k in TEXTS) for p in prefixes), prefixes


def test_nested_messages_render_in_one_language():
    what = Msg("what.item", kind="occupation", id="lager")
    message = Msg("shape.missing_key", what=Msg("what.key", what=what, key="title"), key="de")
    assert message.render("de") == "Eintrag 'lager' (occupation): 'title': Pflichtschlüssel 'de' fehlt"
    assert message.render("en") == str(message) == "occupation 'lager': 'title': missing required key 'de'"


def test_a_file_the_system_refuses_is_explained_without_its_english_reason(tmp_path):
    import errno
    from nq_advisor.load.texts import os_reason

    refused = PermissionError(errno.EACCES, "Permission denied")
    assert os_reason(refused).render("de") == "keine Berechtigung"
    assert os_reason(refused).render("en") == "Permission denied"
