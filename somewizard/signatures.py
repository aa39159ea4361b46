"""Who has signed which version of the policy (``somewizard signatures``).

The register is a CSV the owner keeps: columns name, version, date (or the Danish navn,
version, dato), separated by semicolons or commas as Danish Excel writes them, in UTF-8
with or without a byte-order mark. A version's first number is its substantive version:
a signature for 1.2 still holds for 1.5, while 2.0 asks everyone to sign again.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

from . import packaged
from .answers import Answers
from .dates import parse_date
from .document import format_date
from .errors import InputError
from .ui import t
from .yamlio import read_text

HEADERS = {"name": "name", "navn": "name", "version": "version", "date": "date", "dato": "date"}
VERSION = re.compile(r"\s*[vV]?(\d+)(?:\.(\d+))?(?:\.\d+)*\s*")


@dataclass(frozen=True)
class Signature:
    """One row of the register."""

    name: str
    version: str
    date: dt.date | None
    line: int


@dataclass(frozen=True)
class Status:
    """The register against the current version: who is up to date, who must sign again."""

    version: str
    signed: tuple[Signature, ...]
    must_sign: tuple[Signature, ...]
    names: tuple[str, ...]
    """Every name in the register, in its order, once."""


def major(version: str, *, file: str | None = None, line: int | None = None) -> int:
    """A version's substantive number: 1 for 1.4, 2 for 2.0 (InputError if not a version)."""
    match = VERSION.fullmatch(version)
    if not match:
        raise InputError(
            f"{version.strip()!r} is not a version number", file=file, line=line, hint="e.g. 1.0"
        )
    return int(match.group(1))


def _key(version: str) -> tuple[int, int]:
    match = VERSION.fullmatch(version)
    assert match is not None
    return int(match.group(1)), int(match.group(2) or 0)


def read_register(path: Path) -> list[Signature]:
    """The rows of a register file, checked; a bad row is an error naming file and line."""
    name = str(path)
    text = read_text(path).removeprefix("\ufeff")
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip()), "")
    skip = 0
    if first.strip().lower() in ("sep=;", "sep=,"):  # Excel's note of the separator
        delimiter = first.strip()[-1]
        skip = lines.index(first) + 1
        first = next((ln for ln in lines[skip:] if ln.strip()), "")
    if not first:
        raise InputError("the register is empty", file=name, hint="columns: name, version, date")
    if not skip:
        delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: dict[str, int] | None = None
    rows: list[Signature] = []
    try:
        for cells in reader:
            at = reader.line_num
            if at <= skip or not any(c.strip() for c in cells):
                continue
            if header is None:
                header = _header(cells, name, at)
                continue
            rows.append(_row(cells, header, name, at))
    except csv.Error as exc:
        raise InputError(f"not a CSV row ({exc})", file=name, line=reader.line_num) from None
    if header is None:
        raise InputError("the register is empty", file=name, hint="columns: name, version, date")
    return rows


def _header(cells: list[str], file: str, line: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        column = HEADERS.get(cell.strip().lower())
        if column is not None and column not in found:
            found[column] = i
    missing = [c for c in ("name", "version") if c not in found]
    if missing:
        raise InputError(
            "the first row must name the columns",
            file=file,
            line=line,
            hint="name;version;date (or navn;version;dato)",
        )
    return found


def _row(cells: list[str], header: dict[str, int], file: str, line: int) -> Signature:
    def cell(column: str) -> str:
        i = header.get(column)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    who = " ".join(cell("name").split())
    if not who:
        raise InputError("a row has no name", file=file, line=line)
    version = cell("version")
    if not version:
        raise InputError(f"{who!r} has no version", file=file, line=line, hint="e.g. 1.0")
    major(version, file=file, line=line)
    written = cell("date")
    day = parse_date(written) if written else None
    if written and day is None:
        raise InputError(
            f"{written!r} is not a date", file=file, line=line, hint="e.g. 2027-03-01 or 1.3.2027"
        )
    return Signature(who, version.strip(), day, line)


def status(rows: list[Signature], answers: Answers) -> Status:
    """Who has signed the current substantive version, and who signed only an older one."""
    current = answers.organisation.version.strip()
    try:
        now = major(current)
    except InputError as exc:
        raise InputError(exc.message, field="organisation.version", hint="e.g. 1.0") from None
    latest: dict[str, Signature] = {}
    for row in rows:
        best = latest.get(row.name)
        if best is None or _key(row.version) >= _key(best.version):
            latest[row.name] = row
    signed = tuple(r for r in latest.values() if major(r.version) >= now)
    must = tuple(r for r in latest.values() if major(r.version) < now)
    return Status(current, signed, must, tuple(latest))


def report(state: Status, lang: str) -> str:
    """The two lists as the terminal prints them."""
    out = [t("living.signed", lang, version=state.version, count=str(len(state.signed)))]
    out += [f"  {_said(r, lang)}" for r in state.signed] or [f"  {t('living.nobody', lang)}"]
    out.append(t("living.must_sign", lang, count=str(len(state.must_sign))))
    out += [f"  {_said(r, lang)}" for r in state.must_sign] or [f"  {t('living.nobody', lang)}"]
    return "\n".join(out) + "\n"


def _said(row: Signature, lang: str) -> str:
    when = f", {format_date(row.date, lang)}" if row.date else ""
    return f"{row.name} ({t('living.signed_version', lang, version=row.version)}{when})"


def sheet(state: Status, answers: Answers, fmt: str) -> str:
    """A printable page to sign: every name, an empty signature line and date (md or html)."""
    lang = answers.language
    company = answers.organisation.name.strip()
    title = t("living.sheet_title", lang, company=company, version=state.version)
    text = t("living.sheet_text", lang, version=state.version)
    header = [str(h) for h in packaged.load("ui")["living"]["sheet_header"][lang]]
    if fmt == "md":
        rows = [f"| {_md(n)} | {'_' * 30} | {'_' * 12} |" for n in state.names]
        return "\n".join(
            [
                f"# {_md(title)}",
                "",
                _md(text),
                "",
                "| " + " | ".join(header) + " |",
                "| --- | --- | --- |",
                *rows,
                "",
            ]
        )
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        f"<tr><td>{html.escape(n)}</td><td class=sign></td><td class=date></td></tr>\n"
        for n in state.names
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n"
        "body{font-family:sans-serif;margin:2cm}table{border-collapse:collapse;width:100%}"
        "th,td{text-align:left;padding:1.2em .5em .3em;border-bottom:1px solid #000}"
        "td.sign{width:45%}td.date{width:20%}\n"
        f"</style>\n</head>\n<body>\n<h1>{html.escape(title)}</h1>\n<p>{html.escape(text)}</p>\n"
        f"<table>\n<tr>{cells}</tr>\n{body}</table>\n</body>\n</html>\n"
    )


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
