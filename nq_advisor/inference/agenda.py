"""A conflict-resolution strategy for experta that removes the right activation.

experta's stock ``DepthStrategy`` keys activations by (salience, fact ids) and,
to remove one, only looks at the bisect position and its two neighbours.  When
more than two activations share a key (several rules at one salience matching
the same facts), the activation to remove can be missed: it stays on the agenda
and fires although its ``NOT(...)`` no longer holds (related to upstream issue
nilp0inter/experta#10).  This strategy keeps the stock ordering and scans the
whole run of equal keys instead.
"""
from __future__ import annotations

import bisect

from nq_advisor.inference.experta_compat import load_experta

_strategies = load_experta().strategies


class ExactRemovalDepthStrategy(_strategies.DepthStrategy):
    """Depth strategy whose removal finds the activation among all equal keys."""

    def get_key(self, activation):
        """experta's key (salience, fact ids newest first), without the stock ``lru_cache``.

        The stock cache is keyed by activation; a lookup compares activations, and so
        facts and their patterns, field by field.  When cases repeat (batch input, an
        interview asking again) most lookups hit and cost far more than the key itself.
        """
        return (activation.rule.salience, sorted((f["__factid__"] for f in activation.facts), reverse=True))

    def _update_agenda(self, agenda, added, removed):
        activations = agenda.activations
        for act in removed:
            act.key = self.get_key(act)
            low = bisect.bisect_left(activations, act)
            high = bisect.bisect_right(activations, act)
            for index in range(low, high):
                if activations[index] == act:
                    del activations[index]
                    break
        for act in added:
            act.key = self.get_key(act)
            bisect.insort(activations, act)
