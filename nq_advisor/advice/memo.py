"""Results kept on a knowledge base (or one of its items) from one case to the next, bounded.

What the advice keeps depends only on the knowledge base and on exactly the values in its key
(worded conditions, fixed parts of a recommendation, source warnings), so it lives as long as the
knowledge base; a table that reaches its limit is emptied, which keeps memory flat over any input.
"""
from __future__ import annotations


def table(owner, name: str) -> dict:
    """The table ``name`` kept on ``owner`` (a knowledge base or an item), made on first use."""
    found = owner.__dict__.get(name)
    if found is None:
        found = owner.__dict__[name] = {}
    return found


def keep(kept: dict, key, value, limit: int):
    """``value`` stored under ``key`` and returned; a table at ``limit`` entries is emptied first."""
    if len(kept) >= limit:
        kept.clear()
    kept[key] = value
    return value
