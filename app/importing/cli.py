"""`python -m app import|export` (filled in by the importing layer)."""

import argparse


def add_import_export(sub: argparse._SubParsersAction) -> None:
    return None
