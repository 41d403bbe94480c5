"""A non-editable install (`pip install .`) carries the bundled knowledge base with it."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
import nq_advisor
from nq_advisor import Advisor
from nq_advisor.load.loader import bundled_root
advisor = Advisor.load()
advice = advisor.advise({"person": {"target_occupation": "fachkraft_lagerlogistik",
                                    "experience_months_in_target": 60}})
from nq_advisor.output import handout   # templates travel with the package (setup.cfg package_data)
page = handout.render_html(advice, advisor.kb)
text = handout.render_markdown(advice, advisor.kb)
print(json.dumps({"package": nq_advisor.__file__, "kb": str(bundled_root()),
                  "rules": len(advisor.kb.rules), "refs": advice.refs(),
                  "handout": "@page" in page and "</html>" in page and text.startswith("# ")}))
"""


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to copy the checkout")
def test_installed_copy_finds_the_bundled_knowledge_base(tmp_path):
    source = tmp_path / "src"
    # install from a clean copy of the tracked files, as a user installing a release would
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                              str(target), str(source)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    shutil.rmtree(source)  # the installed copy must not depend on the checkout
    env = dict(os.environ, PYTHONPATH=str(target))
    env.pop("NQ_ADVISOR_KB", None)
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["package"].startswith(str(target))
    assert found["kb"] == str(target / "nq_advisor" / "kb")
    assert found["rules"] > 0 and "externenpruefung" in found["refs"]
    assert found["handout"] is True
