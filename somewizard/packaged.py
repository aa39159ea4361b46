"""The data shipped with somewizard, read fast.

People edit YAML: the clauses, the wizard's words and the defaults in ``content/``, and the
built-in presets in ``presets/``. Parsing that YAML took longer than the rest of an export,
so ``content/compiled/`` holds the same data as JSON, which Python reads about fifty times
faster, without importing PyYAML at all. The JSON is build output: the build hook
(``hatch_build.py``) writes it whenever a wheel or an editable install is built, and git
ignores it.

Each compiled file records a checksum of the YAML it was made from. It is used only while
that checksum still matches, so an edited YAML file is never hidden by a stale compiled
one: the YAML is parsed instead. ``python -m somewizard.packaged`` compiles again, and a
test fails while the compiled files are out of date.
"""

from __future__ import annotations

import json
import os
import zlib
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "content"
COMPILED = CONTENT / "compiled"
LANGUAGES = ("da", "en")
"""The languages every shipped text is written in."""
NAMES = ("policy", "ui", "defaults", "presets")
"""What can be loaded: the three content files, and every built-in preset as one."""
PRESET_FOLDERS = {"industry": "industries", "tone": "tones"}


def builtin_dir() -> Path:
    """The built-in presets: inside the installed package, or the source tree's top level."""
    inside = HERE / "presets"
    if inside.is_dir():
        return inside
    return HERE.parent / "presets"


def sources(name: str) -> list[tuple[str, Path]]:
    """The YAML files (a stable name, and the path) that ``name`` is made from."""
    if name != "presets":
        return [(f"{name}.yaml", CONTENT / f"{name}.yaml")]
    base = builtin_dir()
    found = []
    for sub in PRESET_FOLDERS.values():
        try:
            files = sorted(f for f in os.listdir(base / sub) if f.endswith(".yaml"))
        except OSError:
            files = []
        found += [(f"{sub}/{f}", base / sub / f) for f in files]
    return found


def checksum(name: str) -> str:
    """A CRC-32 of the names and bytes of ``name``'s YAML sources."""
    crc = 0
    for rel, path in sources(name):
        crc = zlib.crc32(rel.encode() + b"\0" + path.read_bytes() + b"\0", crc)
    return f"{crc:08x}"


@cache
def load(name: str) -> Any:
    """The data of ``name``, from its compiled file while it is up to date, else its YAML."""
    try:
        compiled = json.loads((COMPILED / f"{name}.json").read_text("utf-8"))
    except (OSError, ValueError):
        compiled = None
    if isinstance(compiled, dict) and compiled.get("checksum") == checksum(name):
        return compiled["data"]
    return parse(name)


def parse(name: str) -> Any:
    """The data of ``name``, parsed from its YAML sources."""
    if name == "presets":
        return _parse_presets()
    import yaml

    text = (CONTENT / f"{name}.yaml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _parse_presets() -> dict[str, dict[str, Any]]:
    """Every built-in preset as ``{kind: {name: {title, description, layer}}}``.

    Read as plain YAML: the built-in files are checked by :func:`somewizard.presets.load_preset`
    in the test suite, so this module needs nothing else of the package.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    out: dict[str, dict[str, Any]] = {kind: {} for kind in PRESET_FOLDERS}
    for kind, sub in PRESET_FOLDERS.items():
        for rel, path in sources("presets"):
            if not rel.startswith(sub + "/"):
                continue
            data = yaml.load(path.read_text("utf-8"), Loader=loader) or {}
            head = data.get("preset") or {}
            name = path.stem
            title = _texts(head.get("title")) or {lang: name for lang in LANGUAGES}
            out[kind][name] = {
                "title": title,
                "description": _texts(head.get("description")),
                "layer": data.get("answers") or {},
            }
    return out


def _texts(value: Any) -> dict[str, str]:
    """A preset's title or description: one text for both languages, or one per language."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {lang: value for lang in LANGUAGES}
    return {str(k): str(v) for k, v in value.items()}


def compile_all() -> list[Path]:
    """Write every compiled file from its YAML; return the files written.

    Run by the build hook (``hatch_build.py``) with this module loaded on its own, so it
    uses nothing else of the package.
    """
    COMPILED.mkdir(exist_ok=True)
    written = []
    for name in NAMES:
        text = json.dumps(
            {"checksum": checksum(name), "data": parse(name)},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        path = COMPILED / f"{name}.json"
        tmp = path.with_name(f".{name}.json.tmp")
        tmp.write_text(text + "\n", encoding="utf-8")
        os.replace(tmp, path)
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    for written in compile_all():
        print(written)
