"""Shared fixtures: the small engine-test knowledge base and the bundled one."""
from pathlib import Path

import pytest

from nq_advisor import Advisor

MINI_KB = Path(__file__).parent / "fixtures" / "mini_kb"


@pytest.fixture(scope="session")
def mini_advisor():
    return Advisor.load(MINI_KB)


@pytest.fixture(scope="session")
def advisor():
    return Advisor.load()
