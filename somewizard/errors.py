"""The one error type that every bad input surfaces as."""

from __future__ import annotations

import errno
import re
from collections.abc import Callable, Mapping

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)
"""Characters no answer may hold: control characters (tab and line breaks are fine), lone
surrogates, which no UTF-8 file can store, and the bidi embedding, override and isolate
controls, which can make text read differently from what it says."""

Words = str | Callable[[str], str]
"""A value for a message's placeholder: text, or text made for the language asked for."""

_OS_WORDS = {
    "EACCES": "EACCES",
    "EPERM": "EACCES",
    "ENOSPC": "ENOSPC",
    "EDQUOT": "ENOSPC",
    "EROFS": "EROFS",
    "ENAMETOOLONG": "ENAMETOOLONG",
    "ELOOP": "ELOOP",
    "ENOTDIR": "ENOTDIR",
    "EIO": "EIO",
    "EBUSY": "EBUSY",
}
"""The operating system's errors the wizard names in its own words (``errors.os``)."""


def printable(text: str) -> str:
    """``text`` with every character from :data:`FORBIDDEN` shown as an escape, for messages."""
    return FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def words(key: str, **values: Words) -> Callable[[str], str]:
    """The text at ``errors.KEY`` in ``content/ui.yaml``, made when the language is known."""

    def say(lang: str) -> str:
        from .ui import t

        return t(f"errors.{key}", lang, **_filled(values, lang))

    return say


def quoted(text: str) -> Callable[[str], str]:
    """``text`` in the language's quotation marks: »x« in Danish, 'x' in English."""
    return words("quoted", text=text)


def number(n: int) -> Callable[[str], str]:
    """A count as the language writes it: 1.000.000 in Danish, 1,000,000 in English."""
    return lambda lang: f"{n:,}".replace(",", "." if lang == "da" else ",")


def os_reason(exc: OSError) -> Callable[[str], str]:
    """Why the operating system said no, in the language's words where the wizard has them."""
    name = _OS_WORDS.get(errno.errorcode.get(exc.errno or 0, ""), "")
    plain = str(exc.strerror or exc)
    return words(f"os.{name}") if name else (lambda lang: plain)


def _filled(values: Mapping[str, Words], lang: str) -> dict[str, str]:
    return {k: v if isinstance(v, str) else v(lang) for k, v in values.items()}


class InputError(Exception):
    """A problem with something the user gave us, printable as one line.

    ``where`` is ``file:line`` (or just ``file``), ``field`` a dotted answer path,
    ``hint`` what to do about it: ``str()`` is the command line's English.

    ``code`` names the wizard's words for the problem, ``errors.CODE`` in
    ``content/ui.yaml``, filled from ``values``; :meth:`text` says it in either language,
    naming the field the way the wizard shows it (``at``, else ``field``).
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        code: str | None = None,
        at: str | None = None,
        values: Mapping[str, Words] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        self.hint = hint
        self.code = code
        self.at = field if at is None else at
        self.values = dict(values or {})

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

    def text(self, lang: str, *, where: bool = True) -> str:
        """The problem in ``lang``, as the wizard says it: ``file:line`` (unless not
        ``where``), then the field by its label and step (never its answer path), then what
        is wrong and what to do."""
        if self.code is None:
            return str(self)
        from .ui import field_words, t

        body = t(f"errors.{self.code}", lang, **_filled(self.values, lang))
        named = field_words(self.at or "", lang, fallback=self.at == self.field)
        parts = [p for p in (self.where if where else "", named, body) if p]
        return printable(" ".join(": ".join(parts).split()))
