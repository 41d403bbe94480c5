"""Advice as documents: tables, JSON and YAML (``table``), handouts (``handout``), JSON Schema.

May import ``load``, ``inference`` and ``advice``; never an interface (CLI, interview, region,
batch, web).
"""
