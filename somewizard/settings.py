"""What the wizard remembers between runs: the language, the theme, the last export.

A small JSON file in the user's config folder (``SOMEWIZARD_CONFIG_DIR`` overrides the
folder), read at start-up without PyYAML. Settings are a convenience: a missing, broken
or foreign file gives the defaults, a value of the wrong kind is ignored on its own, and
a file that cannot be written is left alone. Nothing here uses Textual.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILE_NAME = "settings.json"
FORMATS = ("docx", "md", "html", "pdf")


@dataclass(frozen=True)
class Settings:
    """The remembered choices; each field's default is what a first run uses."""

    language: str = "da"
    theme: str = ""
    """A Textual theme's name; empty for the app's default."""
    export_folder: str = ""
    """The folder of the last export; empty for the current folder."""
    export_format: str = "docx"
    page_numbers: bool = True
    """Whether a Word file's contents get their page numbers (when LibreOffice is there)."""


def config_dir() -> Path:
    """The user's config folder for somewizard."""
    env = os.environ.get("SOMEWIZARD_CONFIG_DIR")
    if env:
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path("somewizard")


def path() -> Path:
    """Where the settings are kept."""
    return config_dir() / FILE_NAME


def _valid(name: str, value: Any) -> bool:
    if name == "language":
        return value in ("da", "en")
    if name == "export_format":
        return value in FORMATS
    if name == "page_numbers":
        return isinstance(value, bool)
    return isinstance(value, str) and "\x00" not in value and len(value) < 4096


def from_data(data: Any) -> Settings:
    """Settings from parsed JSON: unknown keys and values of the wrong kind are ignored."""
    if not isinstance(data, dict):
        return Settings()
    known = {f.name for f in dataclasses.fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in known and _valid(k, v)})


def load() -> Settings:
    """The remembered settings, or the defaults when there are none to read."""
    try:
        file = path()
        if not file.is_file() or file.stat().st_size > 64_000:
            return Settings()
        return from_data(json.loads(file.read_text(encoding="utf-8")))
    except (OSError, ValueError, RuntimeError):  # unreadable, not JSON, no home folder
        return Settings()


def save(settings: Settings) -> bool:
    """Write the settings atomically; False (and nothing changed) when that is impossible."""
    from .errors import InputError
    from .yamlio import write_atomic

    text = json.dumps(dataclasses.asdict(settings), ensure_ascii=False, indent=2) + "\n"
    try:
        file = path()
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(file, text, force=True)
    except (OSError, InputError, RuntimeError):
        return False
    return True
