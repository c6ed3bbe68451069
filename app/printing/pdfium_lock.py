"""PDFium is not thread-safe: every use of it in the process (file checks, previews, print previews, the report's
charts rasterised for Word) holds this one lock."""

from __future__ import annotations

import threading

PDFIUM_LOCK = threading.Lock()
