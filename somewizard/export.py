"""Write the policy (or the answers themselves) to a file: one function, no screen needed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .answers import Answers, dumps
from .document import build
from .errors import InputError
from .yamlio import check_target, write_atomic

FORMATS = ("docx", "md", "html", "pdf", "yaml", "ics")


def libreoffice() -> str | None:
    """The LibreOffice program (for PDF and for page numbers in the contents), if installed."""
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def guess_format(path: Path) -> str:
    """The format that a file name asks for, defaulting to docx."""
    suffix = path.suffix.lower().lstrip(".")
    aliases = {"yml": "yaml", "markdown": "md", "htm": "html"}
    return aliases.get(suffix, suffix if suffix in FORMATS else "docx")


def render_bytes(
    answers: Answers,
    fmt: str,
    *,
    template: Path | None = None,
    today: dt.date | None = None,
    notes: list[str] | None = None,
    page_numbers: bool = False,
    compare: Answers | None = None,
) -> bytes:
    """The file contents for one format; what a template lost is said in ``notes``.

    With ``page_numbers`` a .docx's contents show their pages (LibreOffice lays the file
    out once to count them, about two seconds); without, Word fills them in on opening.
    A PDF's contents always have them.
    """
    if fmt == "yaml":
        return dumps(answers).encode("utf-8")
    if compare is not None and fmt != "docx":
        raise InputError(
            f"--compare writes a Word file with revision marks, not {fmt}",
            field="--compare",
            hint="give an output name ending in .docx",
            code="compare_docx",
        )
    if fmt == "ics":
        from .ics import render as render_ics

        return render_ics(answers)
    today = today or dt.date.today()  # one day for both versions of a comparison
    doc = build(answers, today)
    if fmt == "md":
        from .render.markdown import render as render_md

        return render_md(doc).encode("utf-8")
    if fmt == "html":
        from .render.html import render as render_html

        return render_html(doc).encode("utf-8")
    if fmt in ("docx", "pdf"):
        from .render.docx import render as render_docx

        data = render_docx(doc, template, notes)
        if fmt == "pdf":
            return docx_to_pdf(data)
        pages = toc_pages(data) if page_numbers else None
        data = render_docx(doc, template, None, pages) if pages else data
        if compare is not None:  # the new policy with revision marks against the old one
            from .render.tracked import tracked

            before = render_docx(build(compare, today), template, None)
            author = answers.organisation.owner.strip() or "somewizard"
            data = tracked(before, data, author, dt.datetime.now(dt.timezone.utc))
        return data
    raise InputError(
        f"unknown format {fmt!r}",
        field="--format",
        hint="use " + ", ".join(FORMATS),
        code="unknown_format",
        values={"format": fmt, "formats": ", ".join(FORMATS)},
    )


PDF_HINT = (
    "PDF export uses LibreOffice: install it (Debian/Ubuntu: apt install "
    "libreoffice-writer-nogui; macOS and Windows: libreoffice.org) so that 'soffice' is on "
    "the PATH, or export .docx and save it as PDF from Word"
)


_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub ExportPdf(source As String, target As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(source, &quot;_blank&quot;, 0, load())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(target, store())
  doc.close(True)
End Sub
Sub TocPages(source As String, target As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(source, &quot;_blank&quot;, 0, load())
  indexes = doc.getDocumentIndexes()
  text = &quot;&quot;
  If indexes.getCount() &gt; 0 Then
    indexes.getByIndex(0).update()
    text = indexes.getByIndex(0).getAnchor().getString()
  End If
  n = FreeFile()
  Open ConvertFromURL(target) For Output As #n
  Print #n, text
  Close #n
  doc.close(True)
End Sub
</script:module>
"""
"""LibreOffice Basic macros. ExportPdf opens the .docx, updates its contents (so they show
page numbers) and writes the PDF: ``--convert-to`` alone would print the contents as they
were saved, without page numbers. TocPages writes the updated contents as text, one
"heading<TAB>page" line per entry, so the .docx can show them too."""


def docx_to_pdf(data: bytes) -> bytes:
    """Convert .docx bytes to PDF with LibreOffice (``soffice``) in a private temp folder.

    LibreOffice runs with a profile of its own in that folder, holding the macro above; if
    the macro cannot run (an unusual LibreOffice), a plain ``--convert-to`` is the fallback.
    """
    import subprocess
    import tempfile

    soffice = libreoffice()
    if soffice is None:
        raise InputError(
            "LibreOffice (soffice) is not installed",
            field="--format pdf",
            hint=PDF_HINT,
            code="no_libreoffice",
            at="",
        )
    with tempfile.TemporaryDirectory(prefix="somewizard-pdf-") as tmp:
        src = Path(tmp) / "policy.docx"
        src.write_bytes(data)
        out = Path(tmp) / "policy.pdf"
        try:
            if not _macro(soffice, tmp, "ExportPdf", src, out) or not out.is_file():
                env = _profile(tmp)
                _convert(
                    [soffice, env, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(src)]
                )
            return out.read_bytes()
        except (subprocess.SubprocessError, OSError) as exc:
            raise InputError(
                f"LibreOffice could not make the PDF ({type(exc).__name__})",
                field="--format pdf",
                code="pdf_failed",
                at="",
            ) from None


def _profile(tmp: str) -> str:
    """The option that gives LibreOffice a profile of its own in ``tmp``."""
    return f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}"


def _macro(soffice: str, tmp: str, sub: str, *paths: Path) -> bool:
    """Run one Sub of the macro above on these files, in a fresh private profile in ``tmp``
    (False when the profile has no Basic library to hold it: an unusual LibreOffice)."""
    env = _profile(tmp)
    _convert([soffice, env, "--headless", "--terminate_after_init"])
    module = Path(tmp) / "profile" / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.is_file():
        return False
    module.write_text(_MACRO, encoding="utf-8")
    files = ",".join(f'"{p.as_uri()}"' for p in paths)
    _convert([soffice, env, "--headless", f"macro:///Standard.Module1.{sub}({files})"])
    return True


def toc_pages(data: bytes) -> list[str] | None:
    """The page of each contents entry of a .docx, as LibreOffice lays it out, or None when
    LibreOffice is not installed or cannot tell (then Word updates the contents on open)."""
    import subprocess
    import tempfile

    soffice = libreoffice()
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="somewizard-toc-") as tmp:
        src = Path(tmp) / "policy.docx"
        src.write_bytes(data)
        out = Path(tmp) / "contents.txt"
        try:
            if not _macro(soffice, tmp, "TocPages", src, out):
                return None
            text = out.read_text(encoding="utf-8", errors="replace")
        except (subprocess.SubprocessError, OSError):
            return None
    pages = [line.rsplit("\t", 1)[-1].strip() for line in text.splitlines() if "\t" in line]
    return pages if pages and all(p.isdigit() for p in pages) else None


def _convert(command: list[str]) -> None:
    """Run LibreOffice in a process group of its own, and end the whole group on any error.

    ``soffice`` starts ``soffice.bin``; ending only the first would leave the second
    running after a time-out, Ctrl+C or SIGTERM.
    """
    import os
    import signal
    import subprocess

    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        proc.communicate(timeout=180)
    except BaseException:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        proc.wait()
        raise
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, command)


def check_template(fmt: str, template: Path | None) -> None:
    """A Word template goes with docx and pdf only; with any other format, say so."""
    if template is not None and fmt not in ("docx", "pdf"):
        raise InputError(
            f"a Word template is used only for docx and pdf, not {fmt}",
            field="--template",
            code="template_format",
            at="",
        )


STDOUT_FORMATS = ("md", "html", "yaml")
"""What ``-o -`` can write to standard output: text, never a binary file."""


def export(
    answers: Answers,
    path: Path,
    fmt: str | None = None,
    *,
    force: bool = False,
    template: Path | None = None,
    notes: list[str] | None = None,
    page_numbers: bool = False,
    compare: Answers | None = None,
) -> Path:
    """Render and write atomically; an existing file is replaced only with ``force``.

    ``-`` as the path writes a text format (md, html, yaml) to standard output.
    """
    to_stdout = str(path) == "-"
    fmt = fmt or (guess_format(path) if not to_stdout else "")
    if to_stdout and fmt not in STDOUT_FORMATS:
        raise InputError(
            "only text goes to standard output",
            field="-o -",
            hint="add --format md, html or yaml, or give a file name for docx and pdf",
            code="stdout_text",
        )
    check_template(fmt, template)
    if not to_stdout:
        check_target(path, force=force)
    data = render_bytes(
        answers,
        fmt,
        template=template,
        notes=notes,
        page_numbers=page_numbers,
        compare=compare,
    )
    if to_stdout:
        import sys

        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return path
    write_atomic(path, data, force=force)
    return path
