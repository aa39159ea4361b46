"""The model, content, document and export modules work with no screen."""

from __future__ import annotations

import subprocess
import sys


def imported_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has loaded after running ``code``."""
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name.split(".")[0] for name in out.split()}


def test_engine_does_not_import_textual() -> None:
    mods = imported_after(
        "import somewizard.answers, somewizard.presets, somewizard.session, somewizard.rules,"
        " somewizard.drafts, somewizard.document, somewizard.export,"
        " somewizard.render.markdown, somewizard.render.docx, somewizard.cli\n"
        "from somewizard.session import checked_answers as compose\n"
        "from somewizard.export import render_bytes\n"
        "render_bytes(compose(), 'docx'); render_bytes(compose(), 'md')"
    )
    assert "somewizard" in mods and "docx" in mods
    assert "textual" not in mods


def test_cli_start_does_not_import_docx_or_textual() -> None:
    mods = imported_after("import somewizard.cli")
    assert "docx" not in mods and "textual" not in mods


def test_wizard_start_does_not_import_docx() -> None:
    """python-docx is for exporting; the wizard must not pay for it at start-up."""
    mods = imported_after("import somewizard.app")
    assert "textual" in mods
    assert "docx" not in mods and "lxml" not in mods
