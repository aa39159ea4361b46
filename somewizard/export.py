"""Write the policy (or the answers themselves) to a file: one function, no screen needed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .answers import Answers, dumps
from .document import build
from .errors import InputError
from .yamlio import write_atomic

FORMATS = ("docx", "md", "html", "pdf", "yaml")


def guess_format(path: Path) -> str:
    """The format that a file name asks for, defaulting to docx."""
    suffix = path.suffix.lower().lstrip(".")
    aliases = {"yml": "yaml", "markdown": "md", "htm": "html"}
    return aliases.get(suffix, suffix if suffix in FORMATS else "docx")


def render_bytes(
    answers: Answers, fmt: str, *, template: Path | None = None, today: dt.date | None = None
) -> bytes:
    """The file contents for one format."""
    if fmt == "yaml":
        return dumps(answers).encode("utf-8")
    doc = build(answers, today)
    if fmt == "md":
        from .render.markdown import render as render_md

        return render_md(doc).encode("utf-8")
    if fmt == "html":
        from .render.html import render as render_html

        return render_html(doc).encode("utf-8")
    if fmt in ("docx", "pdf"):
        from .render.docx import render as render_docx

        data = render_docx(doc, template)
        return data if fmt == "docx" else docx_to_pdf(data)
    raise InputError(f"unknown format {fmt!r}", field="--format", hint="use " + ", ".join(FORMATS))


PDF_HINT = (
    "PDF export uses LibreOffice: install it (Debian/Ubuntu: apt install "
    "libreoffice-writer-nogui; macOS and Windows: libreoffice.org) so that 'soffice' is on "
    "the PATH, or export .docx and save it as PDF from Word"
)


def docx_to_pdf(data: bytes) -> bytes:
    """Convert .docx bytes to PDF with LibreOffice (``soffice``) in a private temp folder."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(
            "LibreOffice (soffice) is not installed", field="--format pdf", hint=PDF_HINT
        )
    with tempfile.TemporaryDirectory(prefix="somewizard-pdf-") as tmp:
        src = Path(tmp) / "policy.docx"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(src),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
            return (Path(tmp) / "policy.pdf").read_bytes()
        except (subprocess.SubprocessError, OSError) as exc:
            raise InputError(
                f"LibreOffice could not make the PDF ({type(exc).__name__})", field="--format pdf"
            ) from None


def export(
    answers: Answers,
    path: Path,
    fmt: str | None = None,
    *,
    force: bool = False,
    template: Path | None = None,
) -> Path:
    """Render and write atomically; an existing file is replaced only with ``force``."""
    fmt = fmt or guess_format(path)
    try:
        if path.is_dir():
            raise InputError("is a directory; give a file name", file=str(path))
        if path.exists() and not force:
            raise InputError("file exists", file=str(path), hint="use --force to replace it")
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", file=str(path)) from None
    data = render_bytes(answers, fmt, template=template)
    write_atomic(path, data, force=force)
    return path
