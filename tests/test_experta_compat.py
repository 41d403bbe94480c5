"""experta 1.9.4 imports on this Python, in a fresh interpreter, without leaving traces."""
import subprocess
import sys

PROBE = """
import collections, logging
from nq_advisor.inference.experta_compat import load_experta
experta = load_experta()
assert hasattr(experta, "KnowledgeEngine"), "experta exported nothing"
assert not hasattr(collections, "Mapping"), "the Mapping alias leaked"
assert logging.getLogger().handlers == [], "experta's basicConfig handler was left installed"
import frozendict
print("ok", experta.__version__, frozendict.__version__ if hasattr(frozendict, "__version__") else "")
"""


def test_experta_imports_in_a_fresh_interpreter_with_warnings_as_errors():
    result = subprocess.run([sys.executable, "-W", "error", "-c", PROBE], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok 1.9.4")


def test_plain_import_of_experta_fails_without_the_fix_on_python_310_plus():
    """Documents why the fix exists: without it frozendict 1.2 cannot be imported."""
    if sys.version_info < (3, 10):
        return
    result = subprocess.run([sys.executable, "-c", "import frozendict"], capture_output=True, text=True)
    assert result.returncode != 0 and "Mapping" in result.stderr
