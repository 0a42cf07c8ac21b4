"""One lock for every use of PDFium (pypdfium2): the library is not thread-safe, and two
reader threads opening documents at once abort the process."""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()
