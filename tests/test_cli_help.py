"""Help is German by default and English with --lang en (or NQ_ADVISOR_LANG=en)."""
import os
import subprocess
import sys
from pathlib import Path

from nq_advisor.cli.helptext import help_language

ROOT = Path(__file__).resolve().parent.parent


def test_help_language_follows_the_command_line_then_the_environment(monkeypatch):
    monkeypatch.delenv("NQ_ADVISOR_LANG", raising=False)
    assert help_language(["advise", "--help"]) == "de"
    assert help_language(["advise", "--lang", "en", "--help"]) == "en"
    assert help_language(["advise", "--lang=en", "--help"]) == "en"
    monkeypatch.setenv("NQ_ADVISOR_LANG", "en")
    assert help_language(["advise", "--help"]) == "en"


def _help(*args, env_lang=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("NQ_ADVISOR_LANG", None)
    if env_lang:
        env["NQ_ADVISOR_LANG"] = env_lang
    return subprocess.run([sys.executable, "-m", "nq_advisor", *args], capture_output=True, text=True,
                          env=env).stdout


def test_command_help_in_german_and_english():
    assert "Empfehlungen zu den Angaben in DATEI" in _help("advise", "--help")
    assert "Advise on the facts in FILE" in _help("advise", "--lang", "en", "--help")
    assert "Validate, browse and test" in _help("kb", "--help", env_lang="en")
