"""Every write is atomic: when it fails, one error line, the old file intact, no temp files.

Failures are simulated where the test cannot cause them for real (tests run as root, so
a read-only folder does not stop them; a full disk is not at hand): ``somewizard.yamlio``
gets an ``os`` / ``tempfile`` whose one function raises the error the system would.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from somewizard import yamlio
from somewizard.errors import InputError
from somewizard.yamlio import write_atomic

from .conftest import CliResult

Cli = Callable[..., CliResult]

OLD = b"the policy from last year \x00\xff keep me\n"
FORMATS = ["docx", "md", "yaml"]
"""Binary (docx) and text (md, yaml) writes take different paths through atomic_writer."""


def _no_space() -> OSError:
    return OSError(errno.ENOSPC, "No space left on device")


def _denied() -> PermissionError:
    return PermissionError(errno.EACCES, "Permission denied")


def _patch_os(monkeypatch: pytest.MonkeyPatch, **funcs: Callable[..., Any]) -> None:
    """Give yamlio an ``os`` whose named functions are replaced (the real os is untouched)."""
    fake = SimpleNamespace(
        **{name: getattr(os, name) for name in dir(os) if not name.startswith("__")}
    )
    for name, func in funcs.items():
        setattr(fake, name, func)
    monkeypatch.setattr(yamlio, "os", fake)


def _listing(folder: Path) -> dict[str, bytes | None]:
    """Every entry in ``folder`` with its bytes (None for a folder)."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


def _assert_failed_cleanly(
    result: CliResult, target: str, message: str, folder: Path, before: dict[str, bytes | None]
) -> None:
    code, out, err = result
    assert code == 2, (code, err)
    assert err.startswith(f"somewizard: error: {target}: ") and err.count("\n") == 1, err
    assert message in err and "Traceback" not in err, err
    assert out == ""
    after = _listing(folder)
    assert [n for n in after if n.endswith(".tmp")] == [], "a temporary file was left behind"
    assert after == before, "the folder changed"


@pytest.fixture
def old_file(tmp_path: Path) -> Callable[[str], Path]:
    """An earlier file at ``out/p.FORMAT`` that a failed export must not touch."""

    def make(fmt: str) -> Path:
        (tmp_path / "out").mkdir(exist_ok=True)
        path = tmp_path / "out" / f"p.{fmt}"
        path.write_bytes(OLD)
        return path

    return make


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root may write into a read-only folder; the monkeypatched variants cover it",
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_read_only_folder_for_real(
    cli: Cli, tmp_path: Path, old_file: Callable[[str], Path], fmt: str
) -> None:
    target = old_file(fmt)
    before = _listing(tmp_path)
    target.parent.chmod(0o500)
    try:
        result = cli("export", "--force", "-o", f"out/p.{fmt}")
    finally:
        target.parent.chmod(0o700)
    _assert_failed_cleanly(result, f"out/p.{fmt}", "Permission denied", tmp_path, before)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_temporary_file_allowed_in_folder(
    cli: Cli,
    tmp_path: Path,
    old_file: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    """A read-only folder: creating the temporary file is refused."""
    old_file(fmt)
    before = _listing(tmp_path)

    plain_open = os.open

    def refuse_temp(path: Any, flags: int, *args: Any) -> int:
        if ".somewizard-" in str(path):
            raise _denied()
        return plain_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse_temp)
    result = cli("export", "--force", "-o", f"out/p.{fmt}")
    _assert_failed_cleanly(
        result, f"out/p.{fmt}", "cannot write here: Permission denied", tmp_path, before
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_replace_refused(
    cli: Cli,
    tmp_path: Path,
    old_file: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    """The temporary file is written but cannot be moved over the old one."""
    old_file(fmt)
    before = _listing(tmp_path)
    calls: list[str] = []

    def replace(src: str, dst: Any) -> None:
        calls.append(src)
        assert Path(src).exists() and Path(src).stat().st_size > 0  # it was written
        raise _denied()

    _patch_os(monkeypatch, replace=replace)
    result = cli("export", "--force", "-o", f"out/p.{fmt}")
    assert len(calls) == 1
    _assert_failed_cleanly(
        result, f"out/p.{fmt}", "cannot write file: Permission denied", tmp_path, before
    )


class _FullDisk:
    """A file whose write stores half the data, then finds the disk full."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()

    def write(self, data: bytes | str) -> int:
        self._real.write(data[: len(data) // 2])
        self._real.flush()
        raise _no_space()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@pytest.mark.parametrize("fmt", FORMATS)
def test_disk_full_while_writing(
    cli: Cli,
    tmp_path: Path,
    old_file: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    old_file(fmt)
    before = _listing(tmp_path)
    half_written: list[int] = []
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> _FullDisk:
        half_written.append(fd)
        return _FullDisk(real_fdopen(fd, *args, **kwargs))

    _patch_os(monkeypatch, fdopen=fdopen)
    result = cli("export", "--force", "-o", f"out/p.{fmt}")
    assert len(half_written) == 1
    _assert_failed_cleanly(
        result, f"out/p.{fmt}", "cannot write file: No space left on device", tmp_path, before
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_disk_full_at_fsync(
    cli: Cli,
    tmp_path: Path,
    old_file: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    """Everything was written to the page cache; the disk says no when it must hold it."""
    old_file(fmt)
    before = _listing(tmp_path)

    def fsync(fd: int) -> None:
        raise _no_space()

    _patch_os(monkeypatch, fsync=fsync)
    result = cli("export", "--force", "-o", f"out/p.{fmt}")
    _assert_failed_cleanly(
        result, f"out/p.{fmt}", "cannot write file: No space left on device", tmp_path, before
    )


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_target_is_a_directory(cli: Cli, tmp_path: Path, fmt: str, force: bool) -> None:
    folder = tmp_path / f"policy.{fmt}"
    folder.mkdir()
    (folder / "inside.txt").write_bytes(OLD)
    before = _listing(tmp_path)
    result = cli("export", *(["--force"] if force else []), "-o", f"policy.{fmt}")
    _assert_failed_cleanly(
        result, f"policy.{fmt}", "is a directory; give a file name", tmp_path, before
    )


def test_folder_that_does_not_exist(cli: Cli, tmp_path: Path) -> None:
    before = _listing(tmp_path)
    result = cli("export", "-o", "nowhere/p.docx")
    _assert_failed_cleanly(
        result, "nowhere/p.docx", "folder 'nowhere' does not exist", tmp_path, before
    )


def test_target_name_too_long(cli: Cli, tmp_path: Path) -> None:
    """Even asking whether the target exists fails; atomic_writer says so in one line."""
    name = "p" * 300 + ".md"
    with pytest.raises(InputError, match="cannot write here: File name too long"):
        write_atomic(tmp_path / name, "x", force=True)
    assert _listing(tmp_path) == {}


def test_failed_render_leaves_old_file(
    cli: Cli, tmp_path: Path, old_file: Callable[[str], Path]
) -> None:
    """A bad --template stops the export before anything is written."""
    old_file("docx")
    (tmp_path / "t.docx").write_text("not a Word file", encoding="utf-8")
    before = _listing(tmp_path)
    result = cli("export", "--force", "--template", "t.docx", "-o", "out/p.docx")
    _assert_failed_cleanly(result, "t.docx", "not a usable Word .docx template", tmp_path, before)


def test_interrupted_write_leaves_old_file(
    cli: Cli, tmp_path: Path, old_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C half-way through: exit 130, the old file as it was, no temporary file."""
    target = old_file("md")
    before = _listing(tmp_path)

    def fsync(fd: int) -> None:
        raise KeyboardInterrupt

    _patch_os(monkeypatch, fsync=fsync)
    code, out, err = cli("export", "--force", "-o", "out/p.md")
    assert code == 130 and out == "" and err == ""
    assert _listing(tmp_path) == before
    assert target.read_bytes() == OLD


def test_write_atomic_cleans_up_on_any_error(tmp_path: Path) -> None:
    """The library function, without the command line: a failing write leaves nothing."""
    target = tmp_path / "p.md"
    target.write_bytes(OLD)
    with pytest.raises(ZeroDivisionError), yamlio.atomic_writer(target, force=True) as fh:
        fh.write("half")
        1 / 0  # noqa: B018
    assert _listing(tmp_path) == {"p.md": OLD}


def test_successful_write_replaces_in_one_step(cli: Cli, tmp_path: Path) -> None:
    """The good path: the new file is complete, readable by others, no temporary file."""
    (tmp_path / "p.md").write_bytes(OLD)
    code, _, err = cli("export", "--force", "-o", "p.md")
    assert code == 0, err
    assert (tmp_path / "p.md").read_bytes().startswith(b"# ")
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "p.md").stat().st_mode & 0o777 == 0o644 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["p.md"]
