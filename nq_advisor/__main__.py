"""``python -m nq_advisor``."""
from nq_advisor.cli.entry import run

if __name__ == "__main__":
    run()
