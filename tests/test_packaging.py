"""The package as a user gets it: a wheel built from the tracked files, installed into a fresh virtual
environment, run from another folder.

An editable install (what `make test` uses) finds every module in the checkout, so it cannot show that
a subpackage or a data file is missing from the wheel; this test can. It is slower (it builds a wheel
and a virtual environment, about a minute) and is marked `packaging`; `make test` and CI run it.
"""
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import click
import pytest

from nq_advisor.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.packaging

INTERVIEW = """
import datetime, json
from nq_advisor import Advisor
import nq_advisor
from nq_advisor.load.loader import bundled_root
advisor = Advisor.load()
session = advisor.interview("person", as_of=datetime.date(2026, 11, 23))
asked = []
question = session.next_question()
answers = {"target_occupation": "fachkraft_lagerlogistik", "experience_months_in_target": 60,
           "employment": "unemployed", "state": "NW", "age": 38}
while question is not None and len(asked) < 40:
    asked.append(question.id)
    if question.id in answers:
        session.answer(question.id, answers[question.id])
    else:
        session.skip(question.id)
    question = session.next_question()
advice = session.advice()
from nq_advisor.output import handout   # templates travel with the package (setup.cfg package_data)
page = handout.render_html(advice, advisor.kb)
text = handout.render_markdown(advice, advisor.kb)
print(json.dumps({"package": nq_advisor.__file__, "kb": str(bundled_root()), "asked": asked,
                  "refs": advice.refs(), "meta": advice.to_dict().get("meta"),
                  "handout": "@page" in page and "</html>" in page and text.startswith("# ")}))
"""


def command_paths(command: click.Command = cli_main, path: tuple = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand of the command line, as argument tuples (the group itself first)."""
    paths = [path]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            paths += command_paths(command.commands[name], path + (name,))
    return paths


def _tracked_copy(target: Path) -> None:
    """The tracked and new (not ignored) files of the checkout, as a release tarball would hold them."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.splitlines()
    for name in files:
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(bin folder of a fresh venv with the wheel installed, a working folder outside the checkout)."""
    if shutil.which("git") is None:
        pytest.skip("needs git to copy the checkout")
    base = tmp_path_factory.mktemp("packaging")
    source, wheels, env_dir, work = base / "src", base / "wheels", base / "venv", base / "work"
    _tracked_copy(source)
    work.mkdir()
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                            "--wheel-dir", str(wheels), str(source)], capture_output=True, text=True, cwd=base)
    assert build.returncode == 0, build.stdout + build.stderr
    shutil.rmtree(source)  # the installed copy must not depend on the checkout
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    wheel = next(wheels.glob("nq_advisor-*.whl"))
    install = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                              "--find-links", str(wheels), str(wheel)], capture_output=True, text=True, cwd=work)
    assert install.returncode == 0, install.stdout + install.stderr
    return bin_dir, work


def _env(lang: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NQ_ADVISOR", "PYTHON"))}
    env["COLUMNS"] = "80"
    if lang:
        env["NQ_ADVISOR_LANG"] = lang
    return env


def run_installed(installed, *args, lang=None, input=None):
    bin_dir, work = installed
    return subprocess.run([str(bin_dir / "nq-advisor"), *args], capture_output=True, text=True, cwd=work,
                          env=_env(lang), input=input)


def test_the_wheel_carries_every_subpackage_of_the_checkout(installed):
    bin_dir, work = installed
    found = subprocess.run([str(bin_dir / "python"), "-c",
                            "import json, pkgutil, nq_advisor; print(json.dumps(sorted(m.name for m in "
                            "pkgutil.walk_packages(nq_advisor.__path__, 'nq_advisor.') if m.ispkg)))"],
                           capture_output=True, text=True, cwd=work, env=_env())
    assert found.returncode == 0, found.stderr
    expected = sorted("nq_advisor." + str(p.parent.relative_to(ROOT / "nq_advisor")).replace(os.sep, ".")
                      for p in (ROOT / "nq_advisor").rglob("__init__.py") if p.parent != ROOT / "nq_advisor")
    missing = set(expected) - set(json.loads(found.stdout))
    assert not missing, f"subpackages missing from the wheel: {sorted(missing)}"
    site = subprocess.run([str(bin_dir / "python"), "-c", "import nq_advisor, os; print(os.path.dirname("
                           "nq_advisor.__file__))"], capture_output=True, text=True, cwd=work, env=_env())
    assert (Path(site.stdout.strip()) / "py.typed").is_file()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_installed_help_of_every_command_in_both_languages(installed, lang):
    for path in command_paths():
        for args in ([*path, "--help"], [*path, "--lang", lang, "--help"]):
            result = run_installed(installed, *args, lang=lang if "--lang" not in args else None)
            assert result.returncode == 0, (args, result.stderr)
            assert result.stderr == ""
            heading = "Usage:" if lang == "en" else "Aufruf:"
            assert result.stdout.startswith(heading), (args, result.stdout[:200])
            options = "Options:" if lang == "en" else "Optionen:"
            assert options in result.stdout, (args, result.stdout)


def test_installed_advise_in_every_format(installed):
    example = str(ROOT / "examples" / "person_lagerhelfer.yaml")
    outputs = {}
    for fmt in ("table", "json", "yaml", "markdown", "html"):
        result = run_installed(installed, "advise", example, "--format", fmt, "--as-of", "2026-11-23")
        assert result.returncode == 0, (fmt, result.stderr)
        outputs[fmt] = result.stdout
    data = json.loads(outputs["json"])
    assert data["recommendations"] and data["meta"]["knowledge_base"].startswith("sha256:")
    assert "Qualifizierungsweg" in outputs["table"]
    assert max(len(line) for line in outputs["table"].splitlines()) <= 80
    assert outputs["yaml"].startswith("subject: person")
    assert outputs["markdown"].startswith("#") and "<html" in outputs["html"].lower()


def test_installed_kb_validate_schema_and_region_diagram(installed):
    validate = run_installed(installed, "kb", "validate")
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert validate.stdout.startswith("OK")
    schema = run_installed(installed, "schema", "facts")
    assert schema.returncode == 0, schema.stderr
    assert "person" in json.loads(schema.stdout)["$defs"] or "person" in schema.stdout
    diagram = run_installed(installed, "region", "diagram", str(ROOT / "examples" / "region_2_aufbau.yaml"))
    assert diagram.returncode == 0, diagram.stderr
    assert diagram.stdout.lstrip().startswith(("graph", "flowchart"))


def test_installed_version_names_the_knowledge_base(installed):
    result = run_installed(installed, "--version")
    assert result.returncode == 0, result.stderr
    assert "nq-advisor" in result.stdout and "sha256:" in result.stdout


def test_installed_interview_through_the_python_api(installed):
    bin_dir, work = installed
    result = subprocess.run([str(bin_dir / "python"), "-c", INTERVIEW], capture_output=True, text=True, cwd=work,
                            env=_env())
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert not found["package"].startswith(str(ROOT)) and found["kb"].endswith(os.path.join("nq_advisor", "kb"))
    assert found["asked"] and "target_occupation" in found["asked"]
    assert "externenpruefung" in found["refs"]
    assert found["meta"]["version"]
    assert found["handout"] is True
