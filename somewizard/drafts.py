"""The autosaved draft in the user's data folder: written atomically, never silently lost."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .yamlio import dump_yaml, write_atomic

if TYPE_CHECKING:
    from .answers import _Source


def data_dir() -> Path:
    """Where drafts live (``SOMEWIZARD_DATA_DIR`` overrides the platform's data folder)."""
    env = os.environ.get("SOMEWIZARD_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("somewizard")


def draft_path() -> Path:
    """The one autosave file."""
    return data_dir() / "draft.yaml"


def save_draft(data: dict[str, Any]) -> Path:
    """Write the draft (the stacked answers, valid or not) atomically."""
    path = draft_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# somewizard draft, saved automatically. It is also a valid answers file.\n"
    write_atomic(path, header + dump_yaml(data), force=True)
    return path


def draft_time() -> dt.datetime | None:
    """When the draft was last saved, or None when there is none."""
    path = draft_path()
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def load_draft() -> tuple[dict[str, Any], _Source]:
    """Read the draft. A corrupt one is moved aside and reported as an InputError.

    The error message names the file it was kept as, so nothing is silently dropped.
    """
    from .answers import LANGUAGES, read_layer, validate_layer

    path = draft_path()
    try:
        data, source = read_layer(path)
        lang = str(data.get("language") or "da")
        validate_layer(data, source, lang if lang in LANGUAGES else "da")
    except InputError as exc:
        kept = set_aside(path)
        raise InputError(f"{exc}; the draft was kept as {kept.name}", file=None) from None
    return data, source


def set_aside(path: Path) -> Path:
    """Rename a bad file to ``NAME.corrupt-TIMESTAMP`` and return the new path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    os.replace(path, target)
    return target


def discard_draft() -> None:
    """Remove the draft (after the user starts afresh or it was saved to a file)."""
    try:
        draft_path().unlink()
    except OSError:
        pass
