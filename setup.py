"""Packages: every package under nq_advisor/ is found, so a new subpackage cannot be left out of
the wheel (tests/test_packaging.py builds one and runs it). The bundled knowledge base lives in
the repository's knowledge/, rules/ and scenarios/ folders and is installed as nq_advisor.kb.*."""
from setuptools import find_packages, setup

BUNDLED_KB = {
    "nq_advisor.kb.knowledge": "knowledge",
    "nq_advisor.kb.rules": "rules",
    "nq_advisor.kb.scenarios": "scenarios",
}

setup(
    packages=find_packages(include=["nq_advisor", "nq_advisor.*"]) + list(BUNDLED_KB),
    package_dir=BUNDLED_KB,
)
