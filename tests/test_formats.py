"""HTML, PDF and a company's Word template, from the command line and the wizard."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.shared import Cm, RGBColor

from somewizard.app import SomeWizardApp
from somewizard.document import build
from somewizard.screens.dialogs import ExportDialog
from somewizard.session import checked_answers as compose

from .conftest import CliResult
from .wizard_helpers import fixed_answers, settle

Cli = Callable[..., CliResult]


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self._in = False
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        self._in = tag in ("h2", "h3", "h4")

    def handle_endtag(self, tag: str) -> None:
        self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.headings.append(data)


def test_html_export_has_every_heading(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("export", "--lang", "en", "-o", "policy.html")
    assert code == 0, err
    parser = _Headings()
    parser.feed((tmp_path / "policy.html").read_text(encoding="utf-8"))
    doc = build(compose(language="en"))
    assert parser.lang == "en"
    assert [h for h in parser.headings if h != "Contents"] == [s.heading for s in doc.walk()]


def test_pdf_without_libreoffice_says_how_to_get_it(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    code, _, err = cli("export", "-o", "policy.pdf")
    assert code == 2 and err.count("\n") == 1
    assert "LibreOffice" in err and "apt install libreoffice-writer-nogui" in err
    assert not (tmp_path / "policy.pdf").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_with_libreoffice(cli: Cli, tmp_path: Path) -> None:
    assert cli("export", "--format", "pdf", "-o", "policy.pdf")[0] == 0
    assert (tmp_path / "policy.pdf").read_bytes().startswith(b"%PDF")


def make_template(path: Path) -> Path:
    """A company's Word file: red headings, wide margins, its own header."""
    word = docx.Document()
    word.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    word.sections[0].left_margin = Cm(4)
    word.sections[0].header.paragraphs[0].text = "ACME A/S – intern"
    word.add_paragraph("This body text must not survive.")
    word.save(str(path))
    return path


def test_template_supplies_styles_page_and_header(cli: Cli, tmp_path: Path) -> None:
    template = make_template(tmp_path / "acme.docx")
    assert cli("export", "--template", str(template), "-o", "p.docx")[0] == 0
    word = docx.Document(str(tmp_path / "p.docx"))
    assert word.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    margin = word.sections[0].left_margin
    assert margin is not None and abs(margin - Cm(4)) < Cm(0.01)
    assert word.sections[0].header.paragraphs[0].text == "ACME A/S – intern"
    assert all("must not survive" not in p.text for p in word.paragraphs)
    assert word.paragraphs[0].text == "SoMe-politik"


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken zip", b""])
def test_unusable_template_is_one_line(cli: Cli, tmp_path: Path, content: bytes) -> None:
    (tmp_path / "bad.docx").write_bytes(content)
    code, _, err = cli("export", "--template", "bad.docx", "-o", "p.docx")
    assert code == 2 and err.count("\n") == 1 and "bad.docx" in err and "template" in err
    assert not (tmp_path / "p.docx").exists()


async def test_wizard_exports_html_with_a_template_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    template = make_template(tmp_path / "acme.docx")
    app = SomeWizardApp(answers_file=fixed_answers(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-template").value = str(template)  # type: ignore[attr-defined]
        await pilot.click("#fmt-html")
        await pilot.click("#fmt-docx")
        await pilot.click("#export-path")
        await pilot.press("end", "ctrl+u", *"acme-policy.docx", "enter")
        await settle(app, pilot)
    word = docx.Document(str(tmp_path / "acme-policy.docx"))
    assert word.sections[0].header.paragraphs[0].text == "ACME A/S – intern"
    assert word.paragraphs[1].text == "Kringlen ApS"
