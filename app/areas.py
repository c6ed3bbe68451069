"""The areas of work this build contains, in tab order. Each area module declares an ``AREA``."""

from __future__ import annotations

from app.services.area import Area


def all_areas() -> list[Area]:
    areas: list[Area] = []
    for module_name in ("app.services.documents", "app.services.telegrams"):
        try:
            module = __import__(module_name, fromlist=["AREA"])
        except ModuleNotFoundError as e:
            if e.name == module_name:
                continue  # that area is not built yet
            raise
        areas.append(module.AREA)
    return areas
