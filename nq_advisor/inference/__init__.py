"""Deciding what applies to a case.

Input facts checked against the fields (``facts``), the rules compiled into an experta engine once
per knowledge base (``compiler``, ``engine``, with ``experta_compat`` and ``agenda``), and the same
conditions evaluated three-valued (``evaluate``) for explanations. May import ``load``, never a
higher stage.
"""
