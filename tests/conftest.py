"""Shared fixtures: run the command line in-process, and keep user folders out of $HOME."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from somewizard.cli import main


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point the user's config and data folders at empty temporary ones."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SOMEWIZARD_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("SOMEWIZARD_DATA_DIR", str(base / "data"))


@pytest.fixture(autouse=True)
def _no_page_count(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A .docx export lets LibreOffice count the contents' pages (about two seconds) by
    default. Tests marked ``page_numbers`` run that pass; the others get what an export
    without LibreOffice gets, so hundreds of exports stay fast."""
    if request.node.get_closest_marker("page_numbers") is None:
        import somewizard.export

        monkeypatch.setattr(somewizard.export, "toc_pages", lambda data: None)


CliResult = tuple[int, str, str]


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., CliResult]:
    """Run ``somewizard ARGS`` in tmp_path; return (exit code, stdout, stderr)."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> CliResult:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's --help, --version and usage errors
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def write(path: Path, text: str) -> Path:
    """Write a text file and return its path."""
    path.write_text(text, encoding="utf-8")
    return path
