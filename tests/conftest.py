"""Shared fixtures: the small engine-test knowledge base and the bundled one.

Tests never write to the real home: the knowledge base cache (and anything else that
follows XDG_CACHE_HOME) goes to a temporary folder, inherited by the CLI subprocesses.
"""
import atexit
import os
import shutil
import tempfile
from pathlib import Path

_CACHE_HOME = tempfile.mkdtemp(prefix="nq-advisor-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
os.environ.pop("NQ_ADVISOR_NO_CACHE", None)
atexit.register(shutil.rmtree, _CACHE_HOME, ignore_errors=True)

import pytest

from nq_advisor import Advisor

MINI_KB = Path(__file__).parent / "fixtures" / "mini_kb"


@pytest.fixture(scope="session")
def mini_advisor():
    return Advisor.load(MINI_KB)


@pytest.fixture(scope="session")
def advisor():
    return Advisor.load()
