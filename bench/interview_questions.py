"""How many questions does the interview ask, compared with the number of fact fields?

Over the bundled scenarios (scenarios/*.yaml) an interview is run that answers
each question from the scenario's facts and skips fields the scenario does not
give. Reported per scenario: questions asked (answered + skipped), the fields
of the subject, and whether the interview's advice recommends the same items
(with the same priority) as ``advise`` on all of the scenario's facts.

Scenarios give only the few facts their rule needs (2-15 of about 20 fields);
a skipped field stays unknown, and rules that need it can no longer become
true, so the other fields they read are not asked. A second figure runs seeded
random *complete* cases (every field known, as in a conversation where every
question gets an answer).

    .venv/bin/python bench/interview_questions.py [--kb DIR] [--verbose]
"""
from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cases import random_facts  # noqa: E402  (bench/cases.py, beside this script)

from nq_advisor import Advisor  # noqa: E402
from nq_advisor.load.scenarios import load_scenarios  # noqa: E402


def run_interview(advisor: Advisor, subject: str, facts: dict, as_of) -> tuple[object, int, int]:
    """(session, answered, skipped) after answering from ``facts`` and skipping what they lack."""
    session = advisor.interview(subject, as_of=as_of)
    answered = skipped = 0
    while (question := session.next_question()) is not None:
        if question.id in facts:
            session.answer(question.id, facts[question.id])
            answered += 1
        else:
            session.skip(question.id)
            skipped += 1
    return session, answered, skipped


def random_complete_facts(advisor: Advisor, subject: str, rng: random.Random) -> dict:
    """A value for every field of ``subject`` (the benchmark's case generator with every field known)."""
    return random_facts(advisor.kb, subject, rng, known=1.0)


def _decided(advice) -> list:
    """Recommended items with their priority: what the interview must get right."""
    return sorted((r.ref, r.priority) for r in advice.recommendations)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kb", default=None, help="knowledge base folder (default: bundled)")
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per scenario")
    parser.add_argument("--complete", type=int, default=100, metavar="N",
                        help="random complete cases per subject (default 100, seed 7)")
    args = parser.parse_args(argv)
    advisor = Advisor.load(args.kb)
    rows, same = [], 0
    for scenario in load_scenarios(advisor.kb.root):
        subject, facts = advisor.parse(scenario.facts)
        session, answered, skipped = run_interview(advisor, subject, facts, scenario.as_of)
        fields = len(advisor.kb.fields[subject])
        agrees = _decided(session.advice()) == _decided(advisor.advise_facts(subject, facts, scenario.as_of))
        same += agrees
        rows.append((subject, answered + skipped, answered, skipped, fields, len(facts)))
        if args.verbose:
            print(f"{answered + skipped:3d}/{fields:2d} asked ({answered} answered, {skipped} skipped; "
                  f"{len(facts)} given){'' if agrees else '  ADVICE DIFFERS'}  {scenario.name}")
    if not rows:
        print("no scenarios found")
        return 1
    print(f"scenarios: {len(rows)}")
    for subject in sorted({r[0] for r in rows}):
        mine = [r for r in rows if r[0] == subject]
        asked = [r[1] for r in mine]
        print(f"{subject}: {len(mine)} scenarios, {mine[0][4]} fields; questions asked: mean "
              f"{statistics.mean(asked):.1f} (median {statistics.median(asked):g}, min {min(asked)}, max {max(asked)}); "
              f"answered {statistics.mean(r[2] for r in mine):.1f}, skipped {statistics.mean(r[3] for r in mine):.1f}")
    share = statistics.mean(r[1] / r[4] for r in rows)
    print(f"all: mean {statistics.mean(r[1] for r in rows):.1f} questions asked of "
          f"{statistics.mean(r[4] for r in rows):.1f} fields ({share:.0%} of the fields)")
    print(f"same recommendations as advise on all given facts: {same}/{len(rows)}")
    differing = len(rows) - same
    rng, as_of = random.Random(7), datetime.date(2026, 11, 23)
    for subject in sorted(advisor.kb.fields):
        if not args.complete:
            break
        asked, agree = [], 0
        for _ in range(args.complete):
            facts = advisor.parse({subject: random_complete_facts(advisor, subject, rng)})[1]
            session, answered, skipped = run_interview(advisor, subject, facts, as_of)
            asked.append(answered + skipped)
            agree += _decided(session.advice()) == _decided(advisor.advise_facts(subject, facts, as_of))
        fields = len(advisor.kb.fields[subject])
        print(f"complete random {subject} cases ({args.complete}, as of {as_of}): mean {statistics.mean(asked):.1f} "
              f"of {fields} questions asked ({statistics.mean(asked) / fields:.0%}; min {min(asked)}, "
              f"max {max(asked)}); same advice as advise: {agree}/{args.complete}")
        differing += args.complete - agree
    return 0 if differing == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
