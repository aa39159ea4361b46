"""One option of a start-screen choice, shared by the choice and its picker."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    """One option: what is shown, the value it stands for, and a line about it."""

    title: str
    value: str
    help: str = ""
