"""PDFium is not thread-safe: every use of it in the process (checks here, previews and print previews in
the windows) holds this one lock."""

from __future__ import annotations

import threading

PDFIUM_LOCK = threading.Lock()
