"""Import experta 1.9.4 on Python 3.10+ without patching or forking it.

experta 1.9.4 (the last release) pins ``frozendict==1.2``, whose module body
subclasses ``collections.Mapping``; Python 3.10 removed that alias, so a plain
``import experta`` fails (upstream issue nilp0inter/experta#34, unfixed).

The fix lives here and only here: for the duration of importing frozendict we
make ``collections.Mapping`` resolve to ``collections.abc.Mapping`` and remove
it again afterwards, so nothing else in the process sees the alias.  experta
also calls ``logging.basicConfig()`` at import time; we undo the root handler
it installs, because a library must not configure the embedding program's
logging.

Every other module imports experta through :func:`load_experta`.
"""
from __future__ import annotations

import collections
import collections.abc
import logging
import sys
from types import ModuleType

_experta: ModuleType | None = None


def _import_frozendict_with_mapping_alias() -> None:
    if sys.version_info < (3, 10) or "frozendict" in sys.modules:
        return
    added = not hasattr(collections, "Mapping")
    if added:
        collections.Mapping = collections.abc.Mapping  # type: ignore[attr-defined]
    try:
        import frozendict  # noqa: F401  (imported for its side effect on sys.modules)
    finally:
        if added:
            del collections.Mapping  # type: ignore[attr-defined]


def load_experta() -> ModuleType:
    """Return the experta module, imported once, with the compatibility fix applied."""
    global _experta
    if _experta is not None:
        return _experta
    _import_frozendict_with_mapping_alias()
    root = logging.getLogger()
    handlers_before = list(root.handlers)
    import experta

    for handler in root.handlers[:]:
        if handler not in handlers_before:
            root.removeHandler(handler)
    # experta's __init__ swallows ImportError and then exports nothing.
    if not hasattr(experta, "KnowledgeEngine"):
        raise ImportError(
            "experta is installed but unusable (frozendict or schema missing?): "
            "reinstall with 'pip install experta==1.9.4'"
        )
    _experta = experta
    return experta
