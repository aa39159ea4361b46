"""Every .docx the program writes passes the Open XML SDK's validation rules (openxml-audit).

Zero findings is the bar: a schema error is a file Word may "repair" or refuse.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from somewizard.export import render_bytes
from somewizard.presets import catalogue
from somewizard.session import checked_answers as compose

openxml_audit = pytest.importorskip("openxml_audit")

BUILTIN = catalogue(include_user=False)
INDUSTRIES = [p.name for p in BUILTIN if p.kind == "industry"]
TONES = [p.name for p in BUILTIN if p.kind == "tone"]


def findings(path: Path) -> list[str]:
    result = openxml_audit.OpenXmlValidator().validate(str(path))
    return [str(e) for e in result.errors]


@pytest.mark.parametrize("industry", [None, *INDUSTRIES])
def test_every_industry_tone_and_language_is_valid(industry: str | None, tmp_path: Path) -> None:
    for tone in [None, *TONES]:
        for lang in ("da", "en"):
            path = tmp_path / f"{industry}-{tone}-{lang}.docx"
            answers = compose(language=lang, industry=industry, tone=tone)
            path.write_bytes(render_bytes(answers, "docx"))
            assert findings(path) == [], (industry, tone, lang)


def test_the_validator_finds_what_it_should(tmp_path: Path) -> None:
    """The check can fail: a document with settings out of the schema's order is refused."""
    import zipfile

    data = render_bytes(compose(), "docx")
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "word/settings.xml":
                blob = blob.replace(b'<w:updateFields w:val="true"/>', b"").replace(
                    b"</w:settings>", b'<w:updateFields w:val="true"/></w:settings>'
                )
            dst.writestr(info, blob)
    path = tmp_path / "bad.docx"
    path.write_bytes(out.getvalue())
    assert any("updateFields" in f for f in findings(path))


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler's pdftotext is not installed",
)
@pytest.mark.page_numbers
def test_page_numbers_in_the_docx_contents_are_the_pages_of_the_pdf(tmp_path: Path) -> None:
    """``export`` (page numbers are on by default): each contents line of the .docx ends in its chapter's page,
    the same page the PDF shows it on; the file stays valid."""
    import re
    import subprocess

    import docx

    from somewizard.cli import main
    from somewizard.export import docx_to_pdf

    out = tmp_path / "politik.docx"
    assert main(["export", "-o", str(out)]) == 0
    assert findings(out) == []
    word = docx.Document(str(out))
    lines = [
        p.text for p in word.paragraphs if p.style is not None and p.style.name.startswith("toc")
    ]
    assert len(lines) >= 15
    assert all(re.search(r"\t\d+$", line) for line in lines), lines[:3]
    pdf = tmp_path / "politik.pdf"
    pdf.write_bytes(docx_to_pdf(out.read_bytes()))
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    for line in lines:
        title, page = line.rsplit("\t", 1)
        assert title.strip() in " ".join(pages[int(page) - 1].split()), (title, page)
    bare = tmp_path / "bare.docx"
    assert main(["export", "--no-page-numbers", "-o", str(bare)]) == 0
    plain = docx.Document(str(bare))
    assert not any(
        "\t" in p.text
        for p in plain.paragraphs
        if p.style is not None and p.style.name.startswith("toc")
    )
