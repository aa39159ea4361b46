"""Start-up stays lean: what importing the app and the command line pulls in.

python-docx (~40 ms and ~2 MB) is only for exporting, and Textual (~150 ms) only for the
wizard; ``somewizard export``, ``presets`` and ``check`` must not pay for the wizard, nor the
wizard for Word. Each check runs in a fresh interpreter, since this test process has
already imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def modules_after(statement: str) -> set[str]:
    """The names in ``sys.modules`` after running ``statement`` in a fresh interpreter."""
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def loaded(modules: set[str], package: str) -> list[str]:
    return sorted(m for m in modules if m == package or m.startswith(package + "."))


def test_importing_the_app_does_not_import_python_docx() -> None:
    modules = modules_after("import somewizard.app")
    assert "somewizard.app" in modules
    assert loaded(modules, "docx") == []


def test_importing_the_cli_imports_neither_textual_nor_python_docx() -> None:
    modules = modules_after("import somewizard.cli")
    assert "somewizard.cli" in modules
    assert loaded(modules, "textual") == []
    assert loaded(modules, "docx") == []


def test_the_start_screen_data_loads_without_pyyaml() -> None:
    """The wizard's words and the built-in presets come from the compiled JSON."""
    modules = modules_after(
        "import somewizard.app\n"
        "from somewizard import presets, ui\n"
        "assert ui.t('app.title', 'da')\n"
        "assert len(presets.catalogue()) >= 13\n"
    )
    assert loaded(modules, "yaml") == []


def test_exporting_a_preset_does_not_import_pyyaml(tmp_path: Path) -> None:
    out = tmp_path / "policy.docx"
    modules = modules_after(
        "from somewizard.cli import main\n"
        f"assert main(['export', '--industry', 'retail', '--tone', 'fun', '-o', {str(out)!r}]) == 0"
    )
    assert out.stat().st_size > 10_000
    assert loaded(modules, "yaml") == []
    assert loaded(modules, "textual") == []
    # e.g. xml.sax.saxutils pulls these in: about a tenth of an export, for nothing
    assert loaded(modules, "urllib.request") == [] and loaded(modules, "http") == []


def test_the_wizard_steps_and_dialogs_load_only_when_first_shown() -> None:
    modules = modules_after("import somewizard.app")
    later = ("screens.wizard", "screens.dialogs", "document", "rules")  # rules: the first check
    for name in later:
        assert "somewizard." + name not in modules, name
