"""Many cases at once: reading rows (``rows``), advising them in worker processes (``run``) and
the summary (``report``). An interface: may import every stage below it."""
