"""The areas of work this build contains, in tab order: adding an area is its package here (with an
``AREA``), its tab in ui/areas/, its models and migration branch, and one line in ``AREA_MODULES``."""

from __future__ import annotations

import importlib

from app.kit.area import Area

AREA_MODULES = (
    "documents",
    "meetings",
    "telegrams",
    "reception",
    "supervision",
    "information",
    "duty",
    "research",
)


def all_areas() -> list[Area]:
    # imported here, not at module level: `--help` and the GUI's first window must not load them
    return [importlib.import_module(f"app.areas.{name}").AREA for name in AREA_MODULES]
