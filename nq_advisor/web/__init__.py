"""``nq-advisor serve``: the HTTP API (``api``) and the counsellor's pages (``pages``) over one session store.

The stage ``web`` stands beside ``cli``: it may import everything below it. Flask and
waitress are the optional extra ``web`` (``pip install 'nq-advisor[web]'``), so a plain
install of the advisor never needs them.
"""
