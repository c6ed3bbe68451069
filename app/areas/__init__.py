"""The areas of work this build contains, in tab order. Each area module declares an ``AREA``."""

from __future__ import annotations

from app.kit.area import Area


def all_areas() -> list[Area]:
    # imported here, not at module level: `--help` and the GUI's first window must not load them
    from app.areas.documents import AREA as DOCUMENTS
    from app.areas.telegrams import AREA as TELEGRAMS

    return [DOCUMENTS, TELEGRAMS]
