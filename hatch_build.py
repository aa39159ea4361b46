"""Build hook: compile the shipped YAML to JSON when a wheel (or an editable install) is built.

The compiled files are build output, not source: they are made here from the YAML under
``somewizard/content/`` and ``presets/``, put in the wheel, and never committed. A stale or
missing one is never used (see ``somewizard/packaged.py``), so a checkout run without an
install still works, only slower to start.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileData(BuildHookInterface):  # type: ignore[misc]  # hatchling has no types
    """Write ``somewizard/content/compiled/*.json`` and ship them in the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        spec = importlib.util.spec_from_file_location(
            "_somewizard_packaged", root / "somewizard" / "packaged.py"
        )
        assert spec is not None and spec.loader is not None
        packaged = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(packaged)
        for path in packaged.compile_all():
            rel = Path(path).relative_to(root).as_posix()
            build_data["force_include"][str(path)] = rel
