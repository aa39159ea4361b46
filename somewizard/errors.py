"""The one error type that every bad input surfaces as."""

from __future__ import annotations


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
        return " ".join(text.split())
