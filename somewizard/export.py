"""Write the policy (or the answers themselves) to a file: one function, no screen needed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .answers import Answers, dumps
from .document import build
from .errors import InputError
from .yamlio import write_atomic

FORMATS = ("docx", "md", "yaml")


def guess_format(path: Path) -> str:
    """The format that a file name asks for, defaulting to docx."""
    suffix = path.suffix.lower().lstrip(".")
    return {"yml": "yaml", "markdown": "md"}.get(suffix, suffix if suffix in FORMATS else "docx")


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
    if fmt == "docx":
        from .render.docx import render as render_docx

        return render_docx(doc, template)
    raise InputError(f"unknown format {fmt!r}", field="--format", hint="use docx, md or yaml")


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
    if path.is_dir():
        raise InputError("is a directory; give a file name", file=str(path))
    if path.exists() and not force:
        raise InputError("file exists", file=str(path), hint="use --force to replace it")
    data = render_bytes(answers, fmt, template=template)
    write_atomic(path, data, force=force)
    return path
