"""Files handed to a browser (``somewizard serve``): their MIME types and plain names."""

from __future__ import annotations

import unicodedata
from pathlib import Path

MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "yaml": "application/yaml; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
}
"""What a browser is told each export format is (others: guessed from the file name)."""


def download_name(name: str) -> str:
    """A file name that survives an HTTP header unquoted: ASCII letters, digits, ``.-_``."""
    plain = unicodedata.normalize("NFKD", Path(name).name)
    plain = plain.replace("æ", "ae").replace("ø", "oe").replace("Æ", "Ae").replace("Ø", "Oe")
    plain = "".join(c for c in plain if not unicodedata.combining(c))  # å -> a
    kept = "".join(c if c.isascii() and (c.isalnum() or c in ".-_") else "-" for c in plain)
    kept = kept.encode("ascii", "ignore").decode().strip("-.")
    return kept or "somewizard"
