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

from .experta_compat import load_experta

_strategies = load_experta().strategies


class ExactRemovalDepthStrategy(_strategies.DepthStrategy):
    """Depth strategy whose removal finds the activation among all equal keys."""

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
