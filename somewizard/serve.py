"""``somewizard serve``: the wizard in a browser, through textual-serve.

textual-serve starts one process per browser session (``python -m somewizard.serve``), the
app driven by Textual's web driver. Each session gets a folder of its own under the serve
root, for its draft, its settings and its current folder, so no session sees another's work;
the folder goes when the session ends, and folders left behind (a killed process) are swept
when serve starts and every hour after. Nothing here imports Textual until a session runs.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT_ENV = "SOMEWIZARD_SERVE_ROOT"
"""The folder that holds one folder per browser session (set by serve for its sessions)."""
SESSION_MAX_AGE = 24 * 3600
"""Seconds after its last change that a session folder with no running process is removed."""
SWEEP_EVERY = 3600
"""Seconds between sweeps of old session folders while serve runs."""
INSTALL_HINT = (
    "somewizard: serve needs textual-serve: pip install '.[web]' in the source folder "
    "(or pip install 'textual-serve>=1.1,<2')"
)
PAGE = Path(__file__).parent / "serve_page"
"""The page template: textual-serve's own, with its fonts from its static folder, not a CDN."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_root() -> Path:
    """Where session folders live unless ``SOMEWIZARD_SERVE_ROOT`` says otherwise."""
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_path

    return user_cache_path("somewizard") / "web-sessions"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _last_change(folder: Path) -> float:
    newest = folder.stat().st_mtime
    for path in folder.rglob("*"):
        try:
            newest = max(newest, path.stat().st_mtime)
        except OSError:
            pass
    return newest


def sweep(root: Path, max_age: float = SESSION_MAX_AGE, now: float | None = None) -> list[Path]:
    """Remove session folders unchanged for ``max_age`` seconds whose process is gone."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        folders = [p for p in root.iterdir() if p.is_dir() and p.name.startswith("session-")]
    except OSError:
        return removed
    for folder in folders:
        try:
            pid = int((folder / "pid").read_text())
        except (OSError, ValueError):
            pid = 0
        try:
            old = now - _last_change(folder) > max_age
        except OSError:
            continue
        if old and not (pid and _alive(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def serve(host: str, port: int, public_url: str | None = None) -> int:
    """Serve the wizard until Ctrl+C; 2 when textual-serve is not installed."""
    try:
        from textual_serve.server import Server
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    import asyncio
    import shlex

    if not is_loopback(host):
        print(
            f"somewizard: warning: serving on {host}, which other machines can reach; there is "
            "no login, so anyone who reaches the port can use the wizard (and open files the "
            "server's user can read)",
            file=sys.stderr,
        )
    root = default_root()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    sweep(root)
    os.environ[ROOT_ENV] = str(root.resolve())  # the sessions' processes inherit it
    command = shlex.join([sys.executable, "-m", "somewizard.serve"])

    class WizardServer(Server):
        """textual-serve's server, sweeping old session folders as it runs."""

        _sweeper: asyncio.Task[None] | None = None

        async def on_startup(self, app: Any) -> None:
            async def sweeping() -> None:
                while True:
                    await asyncio.sleep(SWEEP_EVERY)
                    await asyncio.to_thread(sweep, root)

            self._sweeper = asyncio.create_task(sweeping())
            print(f"somewizard: serving the wizard on {self.public_url} (Ctrl+C stops)")
            sys.stdout.flush()

        async def on_shutdown(self, app: Any) -> None:
            if self._sweeper is not None:
                self._sweeper.cancel()

    server = WizardServer(
        command,
        host=host,
        port=port,
        title="somewizard",
        public_url=public_url,
        templates_path=PAGE,
    )
    server.serve()
    return 0


def run_session() -> int:
    """One browser session: a folder of its own, the wizard, then the folder goes."""
    root = os.environ.get(ROOT_ENV)
    if not root or "web_driver" not in os.environ.get("TEXTUAL_DRIVER", ""):
        print("somewizard: this runs one session of 'somewizard serve'; run that", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="session-", dir=root))
    try:
        (folder / "pid").write_text(str(os.getpid()))
        for name in ("data", "config", "files"):
            (folder / name).mkdir()
        os.environ["SOMEWIZARD_DATA_DIR"] = str(folder / "data")
        os.environ["SOMEWIZARD_CONFIG_DIR"] = str(folder / "config")
        os.chdir(folder / "files")
        from .app import SomeWizardApp

        SomeWizardApp().run()
    finally:
        os.chdir(root)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":  # pragma: no cover - started by textual-serve
    sys.exit(run_session())
