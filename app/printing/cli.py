"""`python -m app print` (filled in by the printing layer)."""

import argparse


def add_print(sub: argparse._SubParsersAction) -> None:
    return None
