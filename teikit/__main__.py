"""`python -m teikit` runs the command line."""

from teikit.cli import main

if __name__ == "__main__":  # not when a worker process started afresh (spawn) imports this module
    main()
