"""Drafts in the user's data folder: autosaved, locked to one wizard, never silently lost.

- ``draft.yaml`` is the draft of the wizard that holds ``draft.yaml.lock``. A second
  wizard on the same folder gets a draft of its own (``draft-2.yaml``, ...).
- Before a draft is replaced by other work (start afresh, open a file, restore a backup),
  it is moved to ``backups/``; the newest :data:`BACKUPS_KEPT` are kept.
- A draft that cannot be read is renamed ``draft.corrupt-TIMESTAMP.yaml``, never deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .yamlio import write_atomic

if TYPE_CHECKING:
    from .session import Session

BACKUPS_KEPT = 5
"""How many earlier drafts are kept in ``backups/``."""
SLOTS = 9
"""How many wizards can each have their own draft in one data folder."""


def data_dir() -> Path:
    """Where drafts live (``SOMEWIZARD_DATA_DIR`` overrides the platform's data folder)."""
    env = os.environ.get("SOMEWIZARD_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("somewizard")


def draft_path(slot: int = 1) -> Path:
    """The draft file of a slot: ``draft.yaml``, then ``draft-2.yaml``, ..."""
    return data_dir() / ("draft.yaml" if slot == 1 else f"draft-{slot}.yaml")


def backups_dir() -> Path:
    """Where earlier drafts are kept."""
    return data_dir() / "backups"


# --- one wizard per draft -------------------------------------------------------------------


def _alive(pid: int) -> bool:
    """Whether a process with this id is running on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _started(pid: int) -> str:
    """When a process started (clock ticks since boot, from /proc), or '' where unknown.

    Kept in the lock with the process id, so a lock left by a wizard that died is not
    taken for a running one when another process later gets the same id.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rpartition(")")[2].split()[19]


def _held(lock: Path) -> bool:
    """Whether a lock file belongs to a wizard that is still running."""
    try:
        if not stat.S_ISREG(os.lstat(lock).st_mode):
            return True  # not a lock of ours (a pipe would block a read): keep off it
        text = lock.read_text("utf-8").strip()
        if not text:  # being written this moment, or left empty by a crash long ago
            return dt.datetime.now().timestamp() - lock.stat().st_mtime < 5
        pid_text, host, started = ([*text.split(), "", ""])[:3]
        pid = int(pid_text)
    except (OSError, ValueError):
        return False  # unreadable or garbled: not a wizard's lock
    if host != socket.gethostname():
        return True  # another machine's wizard: we cannot tell, so we keep off
    if not _alive(pid):
        return False
    return not started or not _started(pid) or _started(pid) == started


@dataclass
class Draft:
    """The draft this wizard works on, and the lock that keeps other wizards off it."""

    slot: int
    lock: Path | None
    fd: int | None = None
    """The open lock file while the lock is held with ``flock``."""

    @property
    def path(self) -> Path:
        """The draft file."""
        return draft_path(self.slot)

    @property
    def shared(self) -> bool:
        """True when ``draft.yaml`` was open in another wizard, so this one has its own."""
        return self.slot != 1

    def release(self) -> None:
        """Give the draft up for the next wizard."""
        if self.lock is not None:
            if self.fd is not None:  # the file stays; the lock goes with the descriptor
                with contextlib.suppress(OSError):
                    os.close(self.fd)
                self.fd = None
            else:
                with contextlib.suppress(OSError):
                    self.lock.unlink()
            self.lock = None


def _lock_path(slot: int) -> Path:
    return draft_path(slot).with_name(draft_path(slot).name + ".lock")


def claim() -> Draft:
    """Take the first draft slot no running wizard holds.

    Where the system has ``flock`` (Linux, macOS), the lock is the kernel's on an open lock
    file: it ends with the process however that ends, so no lock is ever stale and none is
    ever taken from a wizard that still runs. Elsewhere it is a file created exclusively,
    holding the process id and host name, taken over when that process is gone. A lock
    path that is not a regular file is not ours and is passed over. When the folder cannot
    be written, the wizard still runs on slot 1 (the write of the draft says what is wrong).
    """
    folder = data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Draft(1, None)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return _claim_by_file()
    for slot in range(1, SLOTS + 1):
        lock = _lock_path(slot)
        try:
            if os.path.lexists(lock) and not stat.S_ISREG(os.lstat(lock).st_mode):
                continue
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError:
            return Draft(1, None)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # a running wizard has it
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        return Draft(slot, lock, fd)
    return Draft(SLOTS, None)


def _claim_by_file() -> Draft:
    """:func:`claim` without ``flock``: an exclusively created file with the process id."""
    for slot in range(1, SLOTS + 1):
        lock = _lock_path(slot)
        for _ in range(2):
            try:
                fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                if _held(lock):
                    break
                with contextlib.suppress(OSError):
                    lock.unlink()  # a dead wizard's lock
                continue
            except OSError:
                return Draft(1, None)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    pid = os.getpid()
                    fh.write(f"{pid} {socket.gethostname()} {_started(pid)}\n")
            except OSError:  # a full disk: run without a lock rather than not at all
                with contextlib.suppress(OSError):
                    lock.unlink()
                return Draft(1, None)
            return Draft(slot, lock)
    return Draft(SLOTS, None)


# --- reading, writing, keeping ----------------------------------------------------------------


def draft_time(path: Path) -> dt.datetime | None:
    """When a draft was last saved, or None when there is none."""
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def save(path: Path, session: Session) -> None:
    """Write the session as the draft, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, session.dumps(draft=True), force=True)


def load(path: Path, warnings: list[str] | None = None) -> Session:
    """Read a draft. One whose structure is broken is set aside and reported.

    The error message names the file it was kept as, so nothing is silently dropped.
    Values that break a field rule are not a reason: the draft opens with them.
    """
    from .session import load as load_session

    try:
        return load_session(path, strict_presets=False, warnings=warnings)
    except InputError as exc:
        if not path.exists():
            raise
        kept = set_aside(path)
        raise InputError(
            f"{exc}; the draft was kept as {kept.name}",
            code="draft_kept",
            values={"problem": exc.text, "name": kept.name},
        ) from None


def _unique(folder: Path, stem: str, suffix: str) -> Path:
    """A name in ``folder`` that no file has: ``stem suffix``, else ``stem-2 suffix``, ..."""
    n = 1
    while True:
        target = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        if not os.path.lexists(target):
            return target
        n += 1


def _move(path: Path, folder: Path, stem: str) -> Path:
    """Move ``path`` into ``folder`` under a new unique name, never over another file."""
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        target = _unique(folder, stem, path.suffix)
        try:
            os.link(path, target)  # fails if the name was taken meanwhile
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            if os.path.lexists(target):
                continue
            os.replace(path, target)
            return target
        os.unlink(path)
        return target


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def set_aside(path: Path) -> Path:
    """Rename a bad file to ``NAME.corrupt-TIMESTAMP.yaml`` (unique) and return the new path."""
    return _move(path, path.parent, f"{path.stem}.corrupt-{_stamp()}")


def back_up(path: Path) -> Path | None:
    """Move a draft to ``backups/`` and keep the newest :data:`BACKUPS_KEPT`; None if none."""
    if not path.is_file():
        return None
    # A running number first, so names sort by the order of the backups even when the
    # clock goes back (a time zone, summer time); the time is for people.
    number = 1 + max((_number(p) for p in backups()), default=0)
    kept = _move(path, backups_dir(), f"draft-{number:06d}-{dt.datetime.now():%Y%m%d-%H%M%S}")
    for old in backups()[BACKUPS_KEPT:]:
        if old != kept:
            with contextlib.suppress(OSError):
                old.unlink()
    return kept


def _number(path: Path) -> int:
    """The running number of a backup's name (0 for a name without one)."""
    head = path.name.split("-")[1] if path.name.count("-") >= 1 else ""
    return int(head) if head.isdigit() and len(head) == 6 else 0


def backups() -> list[Path]:
    """The kept drafts, the one backed up last first."""
    try:
        found = [p for p in backups_dir().iterdir() if p.suffix == ".yaml" and p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: (_number(p), p.name), reverse=True)


def _in_use(slot: int) -> bool:
    """Whether a running wizard holds the slot's lock."""
    lock = _lock_path(slot)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return _held(lock)
    try:
        if not stat.S_ISREG(os.lstat(lock).st_mode):
            return True
        fd = os.open(lock, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing drops the lock just taken
    return False


def others(own: Draft) -> list[Path]:
    """Drafts a person may want back: other wizards' drafts no one holds, and backups."""
    found = []
    for slot in range(1, SLOTS + 1):
        path = draft_path(slot)
        if slot != own.slot and path.is_file() and not _in_use(slot):
            found.append(path)
    return found + backups()
