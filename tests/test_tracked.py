"""``export --compare OLD``: the new policy with Word revision marks against the old one."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from .conftest import CliResult, write

openxml_audit = pytest.importorskip("openxml_audit")

OLD = """\
language: da
presets: {industry: retail, tone: warm}
organisation:
  name: Cykelsmeden Ærø ApS
  owner: Mette Bøgholm
  effective_date: 2027-01-01
"""
NEW = """\
language: da
presets: {industry: retail, tone: warm}
organisation:
  name: Cykelsmeden Ærø ApS
  owner: Mette Bøgholm
  effective_date: 2027-03-01
rules:
  confidential: [Priser før en kampagne, Kunders cykler og navne, Tal fra regnskabet]
topics:
  leavers: false
"""


def texts(body: Any, *, contents: bool = True) -> list[str]:
    out = []
    for p in body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if not contents and style is not None and style.get(qn("w:val")).lower().startswith("toc"):
            continue
        out.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return out


def paragraph_mark(p: Any, kind: str) -> bool:
    rpr = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    return rpr is not None and rpr.find(qn(f"w:{kind}")) is not None


def accept_all(body: Any) -> Any:
    """What Word's Accept All Changes does to these marks."""
    for p in list(body.iter(qn("w:p"))):
        if paragraph_mark(p, "del"):
            p.getparent().remove(p)
    for el in list(body.iter(qn("w:del"))):
        el.getparent().remove(el)
    unwrap(body, "ins")
    return body


def reject_all(body: Any) -> Any:
    """What Word's Reject All Changes does to these marks."""
    for p in list(body.iter(qn("w:p"))):
        if paragraph_mark(p, "ins"):
            p.getparent().remove(p)
    for el in list(body.iter(qn("w:ins"))):
        el.getparent().remove(el)
    for t in body.iter(qn("w:delText")):
        t.tag = qn("w:t")
    unwrap(body, "del")
    return body


def unwrap(body: Any, kind: str) -> None:
    for el in list(body.iter(qn(f"w:{kind}"))):
        parent = el.getparent()
        if parent.tag == qn("w:rPr"):
            parent.remove(el)
            continue
        at = parent.index(el)
        for child in list(el):
            parent.insert(at, child)
            at += 1
        parent.remove(el)


@pytest.fixture
def versions(tmp_path: Path, cli: Callable[..., CliResult]) -> dict[str, Path]:
    old, new = write(tmp_path / "v1.yaml", OLD), write(tmp_path / "v2.yaml", NEW)
    for name, answers in (("old", old), ("new", new)):
        assert cli("export", "--answers", str(answers), "-o", f"{name}.docx")[0] == 0
    code, _, err = cli("export", "--answers", str(new), "--compare", str(old), "-o", "v2.docx")
    assert code == 0, err
    return {"old": tmp_path / "old.docx", "new": tmp_path / "new.docx", "v2": tmp_path / "v2.docx"}


def test_the_changes_are_revision_marks_by_the_owner_and_the_file_is_valid(
    versions: dict[str, Path],
) -> None:
    errors = openxml_audit.OpenXmlValidator().validate(str(versions["v2"])).errors
    assert [str(e) for e in errors] == []
    body = docx.Document(str(versions["v2"])).element.body
    marks = [*body.iter(qn("w:ins")), *body.iter(qn("w:del"))]
    runs = [m for m in marks if m.getparent().tag != qn("w:rPr")]
    assert len(runs) >= 6
    assert {m.get(qn("w:author")) for m in marks} == {"Mette Bøgholm"}
    assert all(m.get(qn("w:date"), "").endswith("Z") for m in marks)
    ids = [m.get(qn("w:id")) for m in marks]
    assert len(ids) == len(set(ids))
    deleted = " ".join(t.text or "" for t in body.iter(qn("w:delText")))
    inserted = " ".join(t.text or "" for m in body.iter(qn("w:ins")) for t in m.iter(qn("w:t")))
    assert "januar" in deleted and "marts" in inserted  # one word inside the cover's line
    assert "Hvad varerne koster os" in deleted and "Tal fra regnskabet" in inserted
    assert "Når nogen stopper" in deleted  # the leavers' chapter, switched off


def test_accepting_every_change_gives_the_new_policy_and_rejecting_the_old_text(
    versions: dict[str, Path],
) -> None:
    marked = docx.Document(str(versions["v2"])).element.body
    new = docx.Document(str(versions["new"])).element.body
    old = docx.Document(str(versions["old"])).element.body
    assert texts(accept_all(marked)) == texts(new)
    again = docx.Document(str(versions["v2"])).element.body
    assert texts(reject_all(again), contents=False) == texts(old, contents=False)


def test_the_same_version_has_no_marks_and_compare_is_for_word_only(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    new = write(tmp_path / "v2.yaml", NEW)
    assert cli("export", "--answers", str(new), "--compare", str(new), "-o", "same.docx")[0] == 0
    body = docx.Document(str(tmp_path / "same.docx")).element.body
    assert next(body.iter(qn("w:ins")), None) is None and next(body.iter(qn("w:del")), None) is None
    code, out, err = cli("export", "--answers", str(new), "--compare", str(new), "-o", "x.md")
    assert code == 2 and "--compare" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "x.md").exists()
    code, _, err = cli("export", "--answers", str(new), "--compare", "missing.yaml", "-o", "y.docx")
    assert code == 2 and "missing.yaml" in err and "Traceback" not in err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_marked_file(versions: dict[str, Path], tmp_path: Path) -> None:
    done = subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(versions["v2"]),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0 and (tmp_path / "v2.pdf").stat().st_size > 10_000
