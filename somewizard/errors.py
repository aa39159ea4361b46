"""The one error type that every bad input surfaces as."""

from __future__ import annotations

import re

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)
"""Characters no answer may hold: control characters (tab and line breaks are fine), lone
surrogates, which no UTF-8 file can store, and the bidi embedding, override and isolate
controls, which can make text read differently from what it says."""


def printable(text: str) -> str:
    """``text`` with every character from :data:`FORBIDDEN` shown as an escape, for messages."""
    return FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class InputError(Exception):
    """A problem with something the user gave us, printable as one line.

    ``where`` is ``file:line`` (or just ``file``), ``field`` a dotted answer path,
    ``hint`` what to do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        self.hint = hint

    @property
    def where(self) -> str:
        """The location as ``file:line``, ``file`` or an empty string."""
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        parts = [p for p in (self.where, self.field) if p]
        text = ": ".join([*parts, self.message])
        if self.hint:
            text += f" ({self.hint})"
        # one line, and nothing a terminal would act on (an escape in a file name)
        return printable(" ".join(text.split()))
