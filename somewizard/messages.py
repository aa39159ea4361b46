"""Messages the screens send the app (small dataclasses, as in toolong's messages.py)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SessionChanged(Message):
    """A screen changed the Session: an answer (``answer``), or only a step or a choice."""

    answer: bool = False


@dataclass
class LanguageChosen(Message):
    """The user chose another language for the interface and the policy."""

    language: str
