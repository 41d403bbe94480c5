"""The regional network planner: progress over time, the network picture and the progress report.

The advice itself comes from the ordinary rule engine (``Advisor.advise`` on ``{"region": ...}``);
this package adds what only regions need: a dated history of a region's facts (:mod:`.track`),
step status per snapshot (:mod:`.progress`), a diagram of the networks (:mod:`.diagram`) and a
progress report with a chart (:mod:`.report`).
"""
