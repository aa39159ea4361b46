"""Dates as people write them: ``2027-03-01``, ``1.3.2027``, ``01-03-2027``, ``1/3/2027``,
``1. marts 2027``, ``1 March 2027``, ``1. mar. 2027``.

Day before month, as in Denmark and Britain; the year has four digits (a two-digit year
is too easy to misread). Anything else is not a date: the caller keeps the text as typed
and the rules say what to write.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

_NUMERIC = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s*\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")


@cache
def _months() -> dict[str, int]:
    """Month names and their first three letters, in Danish and English, lower case."""
    from . import packaged

    names: dict[str, int] = {}
    for lang_names in packaged.load("policy")["labels"]["months"].values():
        for number, name in enumerate(lang_names, 1):
            names[name.lower()] = number
            names[name.lower()[:3]] = number
    names["sept"] = 9
    return names


def parse_date(text: str) -> dt.date | None:
    """The date ``text`` names, or None when it is not one."""
    text = " ".join(text.split())
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    day = month = year = 0
    if match := _NUMERIC.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _WORDS.match(text):
        day, year = int(match.group(1)), int(match.group(3))
        month = _months().get(match.group(2).lower(), 0)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
