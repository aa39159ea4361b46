"""``somewizard serve``: the wizard in a browser, its downloads, one folder per session."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import docx
import pytest
import yaml

from somewizard import serve
from somewizard.app import SomeWizardApp
from somewizard.cli import main
from somewizard.downloads import MIME_TYPES, download_name
from somewizard.screens.dialogs import ExportDialog, PathDialog
from somewizard.screens.wizard import WizardScreen

from .wizard_helpers import settle


def test_without_the_extra_serve_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    assert main(["serve"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == serve.INSTALL_HINT and "\n" not in err


def test_anything_but_loopback_is_warned_about(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("textual_serve")
    from textual_serve.server import Server

    served: list[str] = []
    monkeypatch.setattr(Server, "serve", lambda self, debug=False: served.append(self.host))
    monkeypatch.setenv(serve.ROOT_ENV, str(tmp_path))
    assert main(["serve"]) == 0
    assert "warning" not in capsys.readouterr().err
    assert main(["serve", "--host", "0.0.0.0"]) == 0
    assert "no login" in capsys.readouterr().err
    assert served == ["127.0.0.1", "0.0.0.0"]
    assert [serve.is_loopback(h) for h in ("localhost", "::1", "127.0.0.2", "10.0.0.1")] == [
        True,
        True,
        True,
        False,
    ]


def test_a_session_runs_only_under_serve(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(serve.ROOT_ENV, raising=False)
    assert serve.run_session() == 2
    assert "somewizard serve" in capsys.readouterr().err


def test_old_session_folders_are_swept(tmp_path: Path) -> None:
    old, new, running = (tmp_path / f"session-{n}" for n in ("old", "new", "running"))
    for folder in (old, new, running):
        (folder / "data").mkdir(parents=True)
        (folder / "data" / "draft.yaml").write_text("x")
    (running / "pid").write_text(str(os.getpid()))
    (old / "pid").write_text("999999999")
    day_ago = time.time() - serve.SESSION_MAX_AGE - 60
    for folder in (old, running):
        for path in (*folder.rglob("*"), folder):
            os.utime(path, (day_ago, day_ago))
    assert serve.sweep(tmp_path) == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session-new", "session-running"]


def test_download_names_are_plain() -> None:
    assert download_name("SoMe-politik.docx") == "SoMe-politik.docx"
    assert download_name("/srv/x/Bageriet Ærø på nettet.md") == ("Bageriet-Aeroe-pa-nettet.md")
    assert download_name("«»") == "somewizard"


async def test_in_a_browser_export_and_save_are_downloads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``is_web``, nothing is written on the server; the browser gets the bytes."""
    monkeypatch.chdir(tmp_path)
    delivered: list[tuple[bytes, dict[str, Any]]] = []

    def deliver(self: SomeWizardApp, file: io.BytesIO, **options: Any) -> str:
        delivered.append((file.getvalue(), options))
        return "key"

    monkeypatch.setattr(SomeWizardApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(SomeWizardApp, "deliver_binary", deliver)
    app = SomeWizardApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("alt+n")  # Ctrl+N in a terminal
        await settle(app, pilot)
        await pilot.press("ctrl+u", *"Web ApS")
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+u", *"politik.md", "enter")
        await app.workers.wait_for_complete()
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PathDialog)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(app, pilot)
    assert list(tmp_path.iterdir()) == []  # nothing on the "server"
    (md, md_options), (answers, yaml_options) = delivered
    assert md_options == {"save_filename": "politik.md", "mime_type": MIME_TYPES["md"]}
    assert "Web ApS" in md.decode("utf-8")
    assert yaml_options["save_filename"] == "somewizard-svar.yaml"
    assert "Web ApS" in str(yaml.safe_load(answers))


# --- a real browser ------------------------------------------------------------------------


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_for(check: Callable[[], Any], seconds: float, what: str) -> Any:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``somewizard serve`` on a free loopback port: its address and its session root."""
    pytest.importorskip("textual_serve", reason="textual-serve missing: pip install -e '.[test]'")
    root = tmp_path / "sessions"
    port = _free_port()
    env = dict(os.environ, **{serve.ROOT_ENV: str(root)})
    log = (tmp_path / "serve.log").open("wb")
    command = [sys.executable, "-m", "somewizard", "serve", "--port", str(port)]
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)

    def listening() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
        except OSError:
            return proc.poll() is not None  # ended: say so below
        return True

    try:
        _wait_for(listening, 30, "somewizard serve to listen")
        assert proc.poll() is None, (tmp_path / "serve.log").read_text()
        yield f"http://127.0.0.1:{port}/", root
    finally:
        proc.terminate()
        proc.wait(15)
        log.close()


def _sessions(root: Path) -> list[Path]:
    return sorted(root.glob("session-*"))


def test_the_wizard_in_a_browser(served: tuple[str, Path], tmp_path: Path) -> None:
    """The fast path in headless Chromium: a .docx download; a second session of its own;
    nothing fetched from another host; the session folders go with the sessions."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright missing: pip install -e '.[test]'"
    )
    chromium = _chromium()
    if chromium is None:
        pytest.skip("no Chromium to drive: apt-get install chromium (Debian) or chromium-browser")
    url, root = served
    hosts: set[str] = set()
    requests: list[str] = []
    shots = os.environ.get("SOMEWIZARD_SHOTS")  # a folder: keep a screenshot and the requests

    def open_wizard(browser: Any) -> Any:
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1200, "height": 800}
        )
        page = context.new_page()
        page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
        page.on("request", lambda request: requests.append(f"{request.method} {request.url}"))
        page.goto(url)
        page.wait_for_selector("body.-first-byte", timeout=30_000)  # the app has drawn
        page.focus(".xterm-helper-textarea")
        time.sleep(0.5)  # the page fades the terminal in
        press(page)  # the start screen, drawn and still
        return page

    def press(page: Any, *keys: str) -> None:
        """Press ``keys``, then wait until the page shows something new and holds still (the
        terminal is a canvas: its pictures are what can be watched)."""
        before = page.screenshot()
        for key in keys:
            page.keyboard.press(key)
        end = time.monotonic() + 30
        last = b""
        while time.monotonic() < end:
            time.sleep(0.25)
            now = page.screenshot()
            if now == last and (now != before or not keys):
                return
            last = now
        raise AssertionError(f"the page did not change after {keys}")

    def keys(page: Any, *keys: str) -> None:
        """One key at a time (``keyboard.type`` is lost on xterm.js after an Alt key)."""
        for key in keys:
            page.keyboard.press("Space" if key == " " else key)

    def download(page: Any, *typed: str) -> Path:
        with page.expect_download(timeout=60_000) as started:
            keys(page, *typed)
        got = started.value
        target = tmp_path / str(got.suggested_filename)
        got.save_as(target)
        return target

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            first = open_wizard(browser)
            press(first, "Alt+n")  # Start (Ctrl+N would open a browser window)

            def draft_of_first() -> Path | None:
                for folder in _sessions(root):
                    draft = folder / "data" / "draft.yaml"
                    if draft.is_file() and "Kringlen Web ApS" in draft.read_text("utf-8"):
                        return folder
                return None

            mine = None
            for _ in range(3):  # keys sent while the wizard is still being built are lost
                keys(first, "Control+u", *"Kringlen Web ApS")
                try:
                    mine = _wait_for(draft_of_first, 8, "the first session's draft")
                    break
                except AssertionError:
                    continue
            assert mine is not None, "the name typed in the first session never reached its draft"
            press(first, "Control+e")
            if shots:  # the README's picture: the export dialog in the browser
                first.screenshot(path=str(Path(shots) / "browser.png"))
            policy = download(first, "Control+u", *"politik.docx", "Enter")
            assert policy.name == "politik.docx"
            text = "\n".join(p.text for p in docx.Document(str(policy)).paragraphs)
            assert "Kringlen Web ApS" in text
            assert not list((mine / "files").iterdir())  # delivered, not written on the server

            second = open_wizard(browser)
            _wait_for(lambda: len(_sessions(root)) == 2, 10, "a second session folder")
            other = next(folder for folder in _sessions(root) if folder != mine)
            assert not (other / "data" / "draft.yaml").exists()
            # on its start screen Ctrl+E would export a draft it found ("Resume"); it has none
            press(second, "Control+e")
            theirs = download(second, "Control+u", *"andet.docx", "Enter")
            text = "\n".join(p.text for p in docx.Document(str(theirs)).paragraphs)
            assert "Kringlen" not in text
        finally:
            browser.close()
    if shots:
        (Path(shots) / "requests.log").write_text("\n".join(requests) + "\n", encoding="utf-8")
    assert hosts == {urlsplit(url).netloc}  # the page, its script, styles and font: all local
    _wait_for(lambda: not _sessions(root), 20, "the sessions' folders to be removed")


async def test_in_a_browser_the_footer_offers_keys_the_browser_passes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textual.widgets import Footer

    monkeypatch.setattr(SomeWizardApp, "is_web", property(lambda self: True))
    app = SomeWizardApp()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("alt+n")  # Start
        await settle(app, pilot)
        assert isinstance(app.screen, WizardScreen)
        keys = {b.key for _, b, enabled, _ in app.screen.active_bindings.values() if enabled}
        assert {"alt+n", "alt+l", "alt+q"} <= keys
        assert not {"ctrl+n", "ctrl+l", "ctrl+q"} & keys
        footer = app.screen.query_one(Footer)
        assert footer.is_mounted
        from textual.widgets._footer import FooterKey

        shown = [k.key_display for k in app.screen.query(FooterKey)]
        assert shown[0] == "Alt+N" and "Alt+L" in shown and "Alt+Q" in shown, shown
        before = app.session.language
        await pilot.press("alt+l")
        await settle(app, pilot)
        assert app.session.language != before


async def test_in_a_browser_open_takes_pasted_answers_and_export_has_no_template_field(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A browser page cannot hand the wizard a file, and a path would name one on the
    server: Ctrl+O takes the text of an answers file, pasted; the export has no template."""
    from textual.widgets import Button, Input, Static

    from somewizard.screens.dialogs import ExportDialog, PasteDialog
    from somewizard.widgets.textarea import SafeTextArea

    monkeypatch.setattr(SomeWizardApp, "is_web", property(lambda self: True))
    app = SomeWizardApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, PasteDialog)
        area = dialog.query_one("#paste-text", SafeTextArea)
        area.text = "language: da\norganisation:\n  nmae: Cykelsmeden\n"
        await pilot.click("#ok")
        await pilot.pause()
        error = str(dialog.query_one("#paste-error", Static).render())
        assert app.screen is dialog and error.startswith("indsat tekst:3: »nmae«"), error
        area.text = "language: da\norganisation:\n  name: Cykelsmeden Ærø ApS\n"
        await pilot.pause()
        assert "Ærø" in area.text
        dialog.query_one("#ok", Button).press()
        await settle(app, pilot)
        assert app.screen is not dialog, str(dialog.query_one("#paste-error", Static).render())
        assert app.session.answers().organisation.name == "Cykelsmeden Ærø ApS"
        assert isinstance(app.screen, WizardScreen)
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        export = app.screen
        assert isinstance(export, ExportDialog)
        assert not export.query_one("#export-template", Input).display
