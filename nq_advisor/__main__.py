"""``python -m nq_advisor``."""
from nq_advisor.cli import main

if __name__ == "__main__":
    main()
