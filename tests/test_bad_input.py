"""Bad answers and preset files: every one is a single line on stderr, exit 2, nothing written.

Each case is a file (or a path) that goes through every command that reads it:

- ``check``: ``somewizard check FILE``
- ``answers``: ``somewizard export --answers FILE -o x.docx``
- ``industry``: ``somewizard export --industry FILE -o x.docx`` (a preset given by path)

and must give exit code 2 and exactly one line on stderr,
``somewizard: error: FILE[:LINE]: [FIELD: ]MESSAGE``, with no traceback, nothing on stdout
and no new file anywhere (no x.docx, no temporary file).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from somewizard.yamlio import MAX_BYTES

from .conftest import CliResult

Cli = Callable[..., CliResult]

PREFIX = "somewizard: error: "
ROUTES = {
    "check": ("check", "{f}"),
    "answers": ("export", "--answers", "{f}", "-o", "x.docx"),
    "industry": ("export", "--industry", "{f}", "-o", "x.docx"),
}
ANY = ("check", "answers", "industry")
ANSWERS = ("check", "answers")
PRESET = ("check", "industry")

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
LAUGHS = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
)
"""Billion laughs: 9**10 values once every alias is expanded, in under 1 kB."""

LONG_NAME = "a" * 300 + ".yaml"
"""Longer than a file name may be (255 bytes): even asking whether it exists fails."""


@dataclass(frozen=True)
class Case:
    """One bad input and what the error line must say about it."""

    id: str
    content: str | bytes | None
    message: str
    line: int | None = None
    field: str | None = None
    routes: tuple[str, ...] = ANY
    name: str = "bad.yaml"
    make: Callable[[Path], None] | None = None
    per_route: dict[str, tuple[int | None, str | None, str]] = dataclasses.field(
        default_factory=dict
    )
    """Route -> (line, field, message) where a route reports it differently."""
    note: str = ""
    """Said when the assertion fails: what the case documents."""


def _mkdir(path: Path) -> None:
    path.mkdir()


PYTHON_TAGS = {
    "python-object-apply": "organisation:\n  name: !!python/object/apply:os.system ['touch PWNED']\n",
    "python-object-new": "x: !!python/object/new:os.system ['touch PWNED']\n",
    "python-object": "x: !!python/object:subprocess.Popen {args: [touch, PWNED]}\n",
    "python-name": "organisation:\n  name: !!python/name:os.system\n",
    "python-module": "x: !!python/module:os\n",
    "python-tag-directive": "%TAG !p! tag:yaml.org,2002:python/\n---\n"
    "x: !p!object/apply:os.system ['touch PWNED']\n",
}

CASES = [
    # --- malformed YAML ------------------------------------------------------------------
    Case(
        "bad-indentation-dedent",
        "organisation:\n  name: X\n industry: Y\n",
        "not valid YAML: expected <block end>",
        line=3,
    ),
    Case(
        "bad-indentation-indent",
        "organisation:\n  name: X\n    industry: Y\n",
        "not valid YAML: mapping values are not allowed here",
        line=3,
    ),
    Case(
        "unclosed-bracket",
        "organisation:\n  channels: [Facebook, Instagram\nvoice:\n  tone: x\n",
        "not valid YAML: expected ',' or ']'",
        line=3,
    ),
    Case(
        "unclosed-brace-at-end",
        "organisation: {name: X\n",
        "not valid YAML: expected ',' or '}'",
        line=1,
    ),
    Case(
        "unclosed-double-quote",
        'organisation:\n  name: "Butik\n  owner: x\n',
        "not valid YAML: found unexpected end of stream",
        line=2,
    ),
    Case(
        "unclosed-single-quote",
        "organisation:\n  name: 'Butik\n",
        "not valid YAML: found unexpected end of stream",
        line=2,
    ),
    Case(
        "tab-indentation",
        "organisation:\n\tname: X\n",
        "not valid YAML: found character '\\t' that cannot start any token",
        line=2,
    ),
    Case(
        "mapping-on-one-line",
        "organisation: name: X\n",
        "not valid YAML: mapping values are not allowed here",
        line=1,
    ),
    Case("two-documents", "---\na: 1\n---\nb: 2\n", "but found another document", line=3),
    Case("stray-list-item", "organisation:\n  name: X\n- item\n", "found '-'", line=3),
    Case("undefined-alias", "organisation:\n  name: *nope\n", "undefined alias 'nope'", line=2),
    Case(
        "control-character",
        "organisation:\n  name: Bel\x07l\n",
        "the character U+0007 is not allowed",
        line=2,
    ),
    Case("non-character-ufffe", "voice:\n  tone: a\ufffe\n", "U+FFFE is not allowed", line=2),
    Case("merge-key-of-text", "organisation:\n  <<: 1\n", "for merging, but found scalar", line=2),
    Case("bad-bool-value", "scope:\n  all_staff: !!bool maybe\n", "bad value for !!bool", line=2),
    Case(
        "bad-timestamp-value",
        "organisation:\n  effective_date: !!timestamp soon\n",
        "bad value for !!timestamp",
        line=2,
    ),
    Case(
        "impossible-date",
        "organisation:\n  effective_date: 2026-13-45\n",
        "Det er ikke en dato. Skriv fx 1. marts 2027 eller 1.3.2027",
        line=2,
        field="organisation.effective_date",
        per_route={"industry": (1, "organisation", "unknown key (a preset has two keys")},
        note="a plain date that is not one is text as written; the date's rule says so",
    ),
    Case(
        "huge-hex-number",
        "organisation:\n  review_months: 0x" + "f" * 5000 + "\n",
        "expected a whole number, got '0xffff",
        line=2,
        field="organisation.review_months",
        routes=ANSWERS,
        note="a number too long to print is kept as its text, and is then not a number",
    ),
    Case(
        "unknown-tag",
        "organisation:\n  name: !shout X\n",
        "the tag '!shout' is not allowed",
        line=2,
    ),
    Case(
        "set-tag", "goals:\n  own: !!set {a, b}\n", "tag:yaml.org,2002:set' is not allowed", line=2
    ),
    # --- wrong types ---------------------------------------------------------------------
    Case(
        "list-for-text",
        "organisation:\n  name: [Butik, Hansen]\n",
        "expected text, got a list",
        line=2,
        field="organisation.name",
        routes=ANSWERS,
    ),
    Case(
        "mapping-in-list-of-texts",
        "goals:\n  own:\n    - Be known\n    - {reach: more people}\n",
        "expected text, got a mapping",
        line=4,
        field="goals.own.1",
        routes=ANSWERS,
    ),
    Case(
        "number-for-bool",
        "scope:\n  all_staff: 1\n",
        "expected true or false, got 1",
        line=2,
        field="scope.all_staff",
        routes=ANSWERS,
    ),
    Case(
        "text-for-bool",
        "scope:\n  all_staff: sometimes\n",
        "expected true or false, got 'sometimes'",
        line=2,
        field="scope.all_staff",
        routes=ANSWERS,
    ),
    Case(
        "mapping-for-list",
        "organisation:\n  channels: {facebook: yes}\n",
        "expected a list of texts, got a mapping",
        line=2,
        field="organisation.channels",
        routes=ANSWERS,
    ),
    Case(
        "text-for-number",
        "organisation:\n  review_months: twelve\n",
        "expected a whole number, got 'twelve'",
        line=2,
        field="organisation.review_months",
        routes=ANSWERS,
    ),
    Case(
        "text-for-date",
        "organisation:\n  effective_date: next monday\n",
        "Det er ikke en dato. Skriv fx 1. marts 2027 eller 1.3.2027",
        line=2,
        field="organisation.effective_date",
        routes=ANSWERS,
    ),
    Case(
        "binary-for-text",
        "organisation:\n  name: !!binary aGVsbG8=\n",
        "expected text, got binary data",
        line=2,
        field="organisation.name",
        routes=ANSWERS,
    ),
    Case(
        "choice-misspelt",
        "voice:\n  address: formel\n",
        "'formel' is not one of 'personal', 'group', 'formal' (did you mean 'formal'?)",
        line=2,
        field="voice.address",
        routes=ANSWERS,
    ),
    Case(
        "language-misspelt",
        "language: enn\n",
        "'enn' is not one of 'da', 'en' (did you mean 'en'?)",
        line=1,
        field="language",
        routes=ANSWERS,
    ),
    Case(
        "language-unknown",
        "language: de\n",
        "'de' is not one of 'da', 'en'",
        line=1,
        field="language",
        routes=ANSWERS,
    ),
    Case(
        "top-level-list",
        "- organisation\n- voice\n",
        "expected a mapping of answers at the top level, got a list",
        routes=ANY,
    ),
    Case("top-level-text", "just some words\n", "expected a mapping of answers at the top level"),
    Case(
        "roles-as-list",
        "roles: [O1, O2]\n",
        "expected a mapping, got a list",
        line=1,
        field="roles",
        routes=ANSWERS,
    ),
    Case(
        "history-item-text",
        "appendix:\n  history:\n    - first version\n",
        "expected a mapping, got 'first version'",
        line=3,
        field="appendix.history.0",
        routes=ANSWERS,
    ),
    Case(
        "bad-hashtag",
        "voice:\n  hashtags: ['#Butik', 'two words']\n",
        "»two words« er ikke et hashtag: skriv ét ord efter #, fx #MitFirma",
        line=2,
        field="voice.hashtags.1",
        routes=ANSWERS,
    ),
    Case(
        "review-months-zero",
        "organisation:\n  name: Butik\n  review_months: 0\n",
        "Skriv et helt antal måneder fra 1 til 60",
        line=3,
        field="organisation.review_months",
        routes=ANSWERS,
    ),
    Case(
        "effective-date-too-late",
        "organisation:\n  name: Butik\n  effective_date: 9999-12-01\n",
        "9999-12-01 er for sent",
        line=3,
        field="organisation.effective_date",
        routes=ANSWERS,
    ),
    # --- unknown and misspelt keys at each level -----------------------------------------
    Case(
        "misspelt-top-level-key",
        "organsation:\n  name: X\n",
        "unknown key (did you mean 'organisation'?)",
        line=1,
        field="organsation",
        routes=ANSWERS,
    ),
    Case(
        "misspelt-second-level-key",
        "organisation:\n  name: X\n  nmae: Y\n",
        "unknown key (did you mean 'name'?)",
        line=3,
        field="organisation.nmae",
        routes=ANSWERS,
    ),
    Case(
        "misspelt-role-key",
        "roles:\n  O1:\n    persn: Anna\n",
        "unknown key (did you mean 'person'?)",
        line=3,
        field="roles.O1.persn",
        routes=ANSWERS,
    ),
    Case(
        "misspelt-history-key",
        "appendix:\n  history:\n    - version: '1.0'\n      dato: 2026-01-31\n",
        "unknown key (did you mean 'date'?)",
        line=4,
        field="appendix.history.0.dato",
        routes=ANSWERS,
    ),
    Case(
        "unknown-role-id",
        "roles:\n  O7:\n    person: Anna\n",
        "unknown key (known keys: O1, O2, O3, O4, O5, O6)",
        line=2,
        field="roles.O7",
        routes=ANSWERS,
    ),
    Case(
        "unknown-key-no-close-match",
        "colour: blue\n",
        "unknown key (known keys: language, organisation,",
        line=1,
        field="colour",
        routes=ANSWERS,
    ),
    Case(
        "number-as-key",
        "organisation:\n  1: X\n",
        "unknown key",
        line=2,
        field="organisation.1",
        routes=ANSWERS,
    ),
    Case("list-as-key", "? [a, b]\n: x\n", "keys must be plain words", line=1),
    # --- missing required values ---------------------------------------------------------
    Case(
        "empty-company-name",
        'organisation:\n  name: ""\n',
        "Skriv virksomhedens navn",
        line=2,
        field="organisation.name",
        routes=ANSWERS,
    ),
    Case(
        "blank-company-name",
        "organisation:\n  name:\n",
        "Skriv virksomhedens navn",
        line=2,
        field="organisation.name",
        routes=ANSWERS,
    ),
    # --- empty, binary, wrong encoding, too big, too deep, bombs -------------------------
    Case("empty-file", "", "the file is empty"),
    Case("only-comments", "# my answers\n# to be filled in\n", "the file is empty"),
    Case("only-document-marker", "---\n...\n", "the file is empty"),
    Case("png-bytes", PNG, "is a binary file, not YAML text", name="logo.yaml"),
    Case(
        "latin-1-text",
        "organisation:\n  name: Brødrene Æblegård på Øen\n".encode("latin-1"),
        "text is not UTF-8 (save the file as UTF-8)",
        line=2,
    ),
    Case(
        "over-max-bytes",
        "# " + "x" * MAX_BYTES + "\n",
        f"file is too large ({MAX_BYTES + 3:,} bytes; the limit is {MAX_BYTES:,})",
        note=f"answers and preset files are limited to yamlio.MAX_BYTES = {MAX_BYTES:,} bytes "
        "(1 MB; a real one is a few kB) and refused before parsing",
    ),
    Case(
        "deep-nested-lists",
        "[" * 10_000 + "]" * 10_000,
        "YAML is nested too deeply",
        line=1,
    ),
    Case(
        "deep-nested-maps",
        "{a: " * 10_000 + "1" + "}" * 10_000,
        "YAML is nested too deeply",
        line=1,
    ),
    Case("recursive-alias", "a: &a [*a]\n", "YAML is nested too deeply", line=1),
    Case(
        "deep-nested-lists-further-down",
        "organisation:\n  name: X\ngoals:\n  own: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "YAML is nested too deeply",
        line=4,
    ),
    Case(
        "billion-laughs",
        LAUGHS,
        "too many values (over 50,000, counting aliases)",
        line=5,
    ),
    *(
        Case(f"{k}", v, "is not allowed (answers files hold plain text", line=v.count("\n"))
        for k, v in PYTHON_TAGS.items()
    ),
    # --- paths that are not readable files -----------------------------------------------
    Case("missing-file", None, "file not found (check the path)", name="missing.yaml"),
    Case("directory", None, "is a directory, not a file", name="folder.yaml", make=_mkdir),
    Case("name-too-long", None, "cannot read file: File name too long", name=LONG_NAME),
    # --- preset files --------------------------------------------------------------------
    Case(
        "preset-wrong-kind",
        "preset:\n  kind: colour\nanswers: {}\n",
        "kind must be industry or tone, got 'colour'",
        line=2,
        field="preset.kind",
        routes=PRESET,
    ),
    Case(
        "preset-tone-as-industry",
        "preset:\n  kind: tone\nanswers: {}\n",
        "this file is a tone preset",
        line=2,
        field="preset.kind",
        routes=("industry",),
    ),
    Case(
        "preset-missing-header",
        "answers:\n  voice: {tone: calm}\n",
        "missing the 'preset' header with kind, title and description",
        field="preset",
        routes=PRESET,
    ),
    Case(
        "preset-header-is-text",
        "preset: industry\nanswers: {}\n",
        "missing the 'preset' header",
        line=1,
        field="preset",
        routes=PRESET,
    ),
    Case(
        "preset-extra-top-level-key",
        "preset:\n  kind: industry\nanswers: {}\nnotes: draft\n",
        "unknown key (a preset has two keys: preset and answers)",
        line=4,
        field="notes",
        routes=PRESET,
    ),
    Case(
        "preset-header-misspelt-key",
        "preset:\n  kind: industry\n  titel: Bageri\n",
        "unknown key (use kind, title or description)",
        line=3,
        field="preset.titel",
        routes=PRESET,
    ),
    Case(
        "preset-title-list",
        "preset:\n  kind: industry\n  title: [Bageri]\n",
        "expected text, or text per language like {da: ..., en: ...}",
        line=3,
        field="preset.title",
        routes=PRESET,
    ),
    Case(
        "preset-answers-list",
        "preset:\n  kind: industry\nanswers: [voice]\n",
        "expected a mapping of answers",
        line=3,
        field="answers",
        routes=PRESET,
    ),
    Case(
        "preset-misspelt-answer-key",
        "preset:\n  kind: industry\nanswers:\n  voice:\n    hashtag: ['#Bageri']\n",
        "unknown key (did you mean 'hashtags'?)",
        line=5,
        field="voice.hashtag",
        routes=PRESET,
    ),
    Case(
        "preset-answer-wrong-type",
        "preset:\n  kind: industry\nanswers:\n  scope:\n    all_staff: yes please\n",
        "expected true or false, got 'yes please'",
        line=5,
        field="scope.all_staff",
        routes=PRESET,
    ),
    Case(
        "preset-bad-hashtag",
        "preset:\n  kind: industry\nanswers:\n  voice:\n    hashtags: {da: ['#Bageri'], en: [bakery]}\n",
        "'bakery' is not a hashtag",
        line=5,
        field="voice.hashtags.0",
        routes=PRESET,
    ),
    Case(
        "preset-python-tag",
        "preset:\n  kind: industry\nanswers:\n  voice: !!python/object/apply:os.system ['touch PWNED']\n",
        "is not allowed",
        line=4,
        routes=PRESET,
    ),
]

# /dev/zero says it is 0 bytes long and never ends: the size limit must hold while reading.
if Path("/dev/zero").exists():
    CASES.append(
        Case(
            "device-of-endless-zeros",
            None,
            "is not a regular file (a device, pipe or socket)",
            name="/dev/zero",
        )
    )


def _params() -> list[object]:
    return [
        pytest.param(case, route, id=f"{case.id}-{route}")
        for case in CASES
        for route in case.routes
    ]


def _files(root: Path) -> set[str]:
    """Every path under ``root``, to see that nothing was written."""
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def _prepare(case: Case, root: Path) -> None:
    if case.make is not None:
        case.make(root / case.name)
    elif case.content is not None:
        path = root / case.name
        if isinstance(case.content, bytes):
            path.write_bytes(case.content)
        else:
            path.write_text(case.content, encoding="utf-8")


def _expected(case: Case, route: str) -> tuple[str, str]:
    """The start of the error line (file, line, field) and the message it must hold."""
    line, fld, message = case.per_route.get(route, (case.line, case.field, case.message))
    where = f"{case.name}:{line}" if line else case.name
    return PREFIX + where + ": " + (f"{fld}: " if fld else ""), message


def assert_one_line_error(
    code: int, out: str, err: str, start: str, message: str, note: str = ""
) -> None:
    """Exit 2, nothing on stdout, exactly one line on stderr, naming what went wrong."""
    shown = err if len(err) < 2000 else err[:2000] + "..."
    assert code == 2, f"exit code {code}: {shown} {note}"
    assert "Traceback" not in err, shown
    assert err.endswith("\n") and err.count("\n") == 1, f"not one line: {shown!r}"
    assert err.startswith(start), f"expected {start!r}..., got {shown!r} {note}"
    assert message in err, f"expected {message!r} in {shown!r} {note}"
    assert out == "", out[:2000]


@pytest.mark.parametrize(("case", "route"), _params())
def test_bad_input_is_one_line_exit_2(cli: Cli, tmp_path: Path, case: Case, route: str) -> None:
    _prepare(case, tmp_path)
    before = _files(tmp_path)
    args = [a.format(f=case.name) for a in ROUTES[route]]

    code, out, err = cli(*args)

    start, message = _expected(case, route)
    assert_one_line_error(code, out, err, start, message, case.note)
    assert _files(tmp_path) == before, "something was written"
    assert not (tmp_path / "PWNED").exists(), "a YAML tag ran code"


# --- inputs that are not files ---------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "start", "message"),
    [
        pytest.param(
            ("export", "--industry", "nope", "-o", "x.docx"),
            "--industry: ",
            "no industry preset called 'nope' (known: ",
            id="industry-unknown-name",
        ),
        pytest.param(
            ("export", "--industry", "retial", "-o", "x.docx"),
            "--industry: ",
            "no industry preset called 'retial' (did you mean 'retail'?)",
            id="industry-misspelt-name",
        ),
        pytest.param(
            ("export", "--tone", "profesional", "-o", "x.docx"),
            "--tone: ",
            "(did you mean 'professional'?)",
            id="tone-misspelt-name",
        ),
        pytest.param(
            ("export", "--tone", "retail", "-o", "x.docx"),
            "--tone: ",
            "no tone preset called 'retail'",
            id="industry-name-as-tone",
        ),
        pytest.param(
            ("export", "--template", "missing.docx", "-o", "x.docx"),
            "missing.docx: ",
            "template not found (check the path)",
            id="template-missing",
        ),
        pytest.param(
            ("export", "--template", "folder.yaml", "-o", "x.docx"),
            "folder.yaml: ",
            "is a directory, not a template",
            id="template-is-directory",
        ),
        pytest.param(
            ("export", "--template", "notes.docx", "-o", "x.docx"),
            "notes.docx: ",
            "not a usable Word .docx template",
            id="template-not-docx",
        ),
        pytest.param(
            ("export", "--template", "logo.docx", "-o", "x.docx"),
            "logo.docx: ",
            "not a usable Word .docx template",
            id="template-png",
        ),
        pytest.param(
            ("export", "--industry", "retail", "--tone", "tone.yaml", "-o", "x.docx"),
            "tone.yaml:2: preset.kind: ",
            "preset, not a tone",
            id="industry-file-as-tone",
        ),
    ],
)
def test_bad_options_are_one_line_exit_2(
    cli: Cli, tmp_path: Path, args: tuple[str, ...], start: str, message: str
) -> None:
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "notes.docx").write_text("not a zip file\n", encoding="utf-8")
    (tmp_path / "logo.docx").write_bytes(PNG)
    (tmp_path / "tone.yaml").write_text("preset:\n  kind: industry\n", encoding="utf-8")
    before = _files(tmp_path)
    code, out, err = cli(*args)
    assert_one_line_error(code, out, err, PREFIX + start, message)
    assert _files(tmp_path) == before


def test_python_tags_run_nothing(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python tag, in every command: os.system and Popen are never even called."""
    import subprocess as sp

    calls: list[object] = []

    def record(*args: object, **kwargs: object) -> int:
        calls.append(args)
        return 0

    monkeypatch.setattr(os, "system", record)
    monkeypatch.setattr(sp, "Popen", record)
    for key, text in PYTHON_TAGS.items():
        (tmp_path / f"{key}.yaml").write_text(text, encoding="utf-8")
    for key in PYTHON_TAGS:
        for route in ANY:
            code, _, err = cli(*[a.format(f=f"{key}.yaml") for a in ROUTES[route]])
            assert code == 2 and "is not allowed" in err
    assert calls == []
    assert not (tmp_path / "PWNED").exists()
    assert not (tmp_path / "x.docx").exists()


# --- faults once found in the preset loader and the document builder ------------------


def test_preset_kind_that_is_a_list(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("preset:\n  kind: [industry]\n", encoding="utf-8")
    code, _, err = cli("export", "--industry", "p.yaml", "-o", "x.docx")
    assert code == 2 and err.startswith(f"{PREFIX}p.yaml:2: preset.kind: ")


def test_preset_with_a_number_and_a_word_as_extra_keys(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "preset:\n  kind: industry\n1: one\nnotes: two\n", encoding="utf-8"
    )
    code, _, err = cli("export", "--industry", "p.yaml", "-o", "x.docx")
    assert code == 2 and err.startswith(f"{PREFIX}p.yaml:3: 1: unknown key")


def test_preset_value_that_breaks_a_rule_names_the_preset(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "preset:\n  kind: industry\nanswers:\n  organisation:\n    review_months: 0\n",
        encoding="utf-8",
    )
    code, _, err = cli("export", "--industry", "p.yaml", "-o", "x.docx")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"{PREFIX}p.yaml:5: organisation.review_months: "), err


# --- the real entry point --------------------------------------------------------------

SUBPROCESS_CASES = [
    "tab-indentation",
    "png-bytes",
    "latin-1-text",
    "billion-laughs",
    "deep-nested-lists",
    "python-object-apply",
    "misspelt-role-key",
    "preset-wrong-kind",
    "control-character",
    "name-too-long",
]


@pytest.mark.parametrize(
    ("case", "route"),
    [
        pytest.param(c, r, id=f"{c.id}-{r}")
        for c in CASES
        if c.id in SUBPROCESS_CASES
        for r in c.routes
        if r != "answers" or "industry" not in c.routes
    ],
)
def test_real_entry_point_prints_no_traceback(tmp_path: Path, case: Case, route: str) -> None:
    _prepare(case, tmp_path)
    before = _files(tmp_path)
    args = [a.format(f=case.name) for a in ROUTES[route]]
    run = subprocess.run(
        [sys.executable, "-m", "somewizard.cli", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        timeout=120,
    )
    start, message = _expected(case, route)
    assert_one_line_error(run.returncode, run.stdout, run.stderr, start, message)
    assert _files(tmp_path) == before
    assert not (tmp_path / "PWNED").exists()
