"""Seeded random valid cases generated from the knowledge base's own field definitions."""
from __future__ import annotations

import random

OPEN_INT_SPAN = 240  # for int fields without a maximum: months, years, sizes up to this many above the minimum


def random_value(field, rng: random.Random):
    """A value the advisor accepts for ``field`` (nq_advisor.inference.facts.check_value)."""
    if field.type == "int":
        low = field.minimum if field.minimum is not None else 0
        high = field.maximum if field.maximum is not None else low + OPEN_INT_SPAN
        return rng.randint(low, high)
    if field.type == "bool":
        return rng.random() < 0.5
    if field.type in ("enum", "ref"):
        return rng.choice(field.values)
    if field.type == "list":
        return sorted(rng.sample(list(field.values), rng.randint(0, len(field.values))))
    return f"Region {rng.randint(1, 400)}"


def random_facts(kb, subject: str, rng: random.Random, known: float = 0.7) -> dict:
    """Facts of ``subject``: each field known with probability ``known`` (absent = unknown)."""
    fields = kb.fields[subject]
    return {name: random_value(fields[name], rng) for name in sorted(fields) if rng.random() < known}


def random_documents(kb, count: int, seed: int = 7, subjects=("person", "region")):
    """``count`` input documents, alternating over ``subjects``, with an ``id``; a generator."""
    rng = random.Random(seed)
    for index in range(count):
        subject = subjects[index % len(subjects)]
        yield {"id": f"case-{index + 1}", subject: random_facts(kb, subject, rng)}


def realistic_cases(advisor, subject: str, random_count: int = 0, seed: int = 7) -> list[dict]:
    """Validated facts of ``subject``: the bundled scenarios and examples (cases a counsellor meets),
    or, with ``random_count``, that many random ones."""
    from pathlib import Path

    import yaml

    from nq_advisor.load.loader import bundled_root
    from nq_advisor.load.scenarios import load_scenarios

    if random_count:
        rng = random.Random(seed)
        return [advisor.parse({subject: random_facts(advisor.kb, subject, rng)})[1] for _ in range(random_count)]
    documents = [s.facts for s in load_scenarios(bundled_root())]
    examples = Path(__file__).resolve().parent.parent / "examples"
    documents += [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(examples.glob("*.yaml"))]
    return [advisor.parse(d)[1] for d in documents if next(iter(d)) == subject]
