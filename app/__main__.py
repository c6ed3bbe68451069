"""`python -m app`: argument parsing only; app.cli dispatches, app.bootstrap wires."""

from app.cli import main

if __name__ == "__main__":
    main()
