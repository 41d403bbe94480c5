"""Drives the question pages like a counsellor: read the question, answer it or say "weiß nicht"."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

SAVE = {"de": "Speichern und weiter", "en": "Save and continue"}
SAVE_BACK = {"de": "Speichern", "en": "Save"}
SKIP = {"de": "Weiß nicht", "en": "Don't know"}
DONE = {"de": "Keine weiteren Fragen", "en": "No more questions"}


def key_of(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def current_field(page) -> str | None:
    """The field the page asks, or None on the 'no more questions' page."""
    field = page.locator("form input[name=field]")
    return field.first.get_attribute("value") if field.count() else None


def fill_answer(page, value) -> None:
    """Put ``value`` into the question's input, whatever widget it is."""
    values = value if isinstance(value, (list, tuple)) else [value]
    inputs = page.locator("main form input[name=value], main form select[name=value]")
    kind = inputs.first.get_attribute("type") if inputs.first.evaluate("e => e.tagName") == "INPUT" else "select"
    if kind == "checkbox":
        for box in inputs.all():
            box.set_checked(box.get_attribute("value") in {key_of(v) for v in values})
    elif kind == "radio":
        page.locator(f"main form input[name=value][value='{key_of(values[0])}']").check()
    elif kind == "select":
        page.locator("main form select[name=value]").select_option(key_of(values[0]))
    else:
        page.locator("#answer").fill(key_of(values[0]))


def answer_all(page, facts: dict, lang: str = "de", stop_after: int | None = None, on_page=None) -> dict:
    """Answer every question from ``facts`` (skip what is not there) until none is left; the answers given."""
    given: dict = {}
    steps = 0
    while True:
        field = current_field(page)
        if field is None:
            assert DONE[lang] in page.content()
            return given
        if on_page:
            on_page(page, field)
        if field in facts:
            fill_answer(page, facts[field])
            page.get_by_role("button", name=SAVE[lang], exact=True).click()
            given[field] = facts[field]
        else:
            page.get_by_role("button", name=SKIP[lang], exact=True).click()
        page.wait_for_load_state()
        assert current_field(page) != field, f"{field}: the answer was not taken: {page.locator('.error-text').all_inner_texts()}"
        steps += 1
        if stop_after is not None and steps >= stop_after:
            return given


def cli(*args: str, stdin: str | None = None) -> str:
    """Run the command line as a user would; its standard output."""
    done = subprocess.run([sys.executable, "-m", "nq_advisor", *args], input=stdin, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def advise(facts: dict, subject: str, as_of: str, fmt: str, tmp: Path, lang: str = "de") -> str:
    case = tmp / f"case-{subject}.yaml"
    case.write_text(yaml.safe_dump({subject: facts}, allow_unicode=True), encoding="utf-8")
    return cli("advise", str(case), "--format", fmt, "--as-of", as_of, "--lang", lang)


def advise_json(facts: dict, subject: str, as_of: str, tmp: Path) -> dict:
    return json.loads(advise(facts, subject, as_of, "json", tmp))


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF that Chromium wrote (each page object has /Type /Page)."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
