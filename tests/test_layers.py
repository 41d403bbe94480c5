"""The folders are the pipeline: a lower stage never imports a higher one."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "nq_advisor"

# Stage of each subpackage; a module may import its own stage and lower ones. Top-level modules
# errors, i18n and private_files (and the version) are shared helpers (stage 0); advisor.py, the
# public facade, stands with the interfaces it serves (it opens interview sessions).
STAGES = {"load": 1, "inference": 2, "advice": 3, "output": 4,
          "interview": 5, "region": 5, "batch": 5, "advisor": 5, "cli": 6, "web": 6}
BASE_MODULES = {"errors", "i18n", "private_files", "__version__"}


def _stage(module: str) -> int:
    parts = module.split(".")
    if len(parts) < 2:
        return 7  # the package itself re-exports the public API
    if parts[1] in STAGES:
        return STAGES[parts[1]]
    if parts[1] in BASE_MODULES:
        return 0
    return 7  # advisor.py, __main__.py


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("nq_advisor"):
            names.add(node.module if node.module != "nq_advisor" else
                      "nq_advisor." + node.names[0].name)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("nq_advisor"))
        if isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: use absolute imports (from nq_advisor...)")
    return names


def test_no_stage_imports_a_higher_one():
    offences = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        own = _stage(module)
        for imported in _imports(path):
            if _stage(imported) > own and own != 7:
                offences.append(f"{module} imports {imported}")
    assert not offences, "\n".join(sorted(offences))


def test_few_modules_stay_at_the_top():
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert top == ["__init__", "__main__", "advisor", "errors", "i18n", "private_files"]
