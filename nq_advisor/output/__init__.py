"""Advice as documents: tables, JSON and YAML (``table``), handouts (``handout`` with the region's
parts in ``region_content``), JSON Schema (``json_schema``). HTML and Markdown render from Jinja2
templates in ``templates/`` (one layout, one print stylesheet) through ``markup``, which escapes
every value (autoescape for HTML, ``md_escape`` for Markdown).

May import ``load``, ``inference`` and ``advice``; never an interface (CLI, interview, region,
batch, web): those call ``markup.render_html``/``render_markdown`` with their own templates here.
"""
