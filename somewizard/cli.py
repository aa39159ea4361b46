"""The ``somewizard`` command: the wizard, ``export``, ``presets``, ``check``, ``diff`` and
``signatures``."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import __version__
from .errors import InputError

if TYPE_CHECKING:
    from .answers import Answers

EXIT_BAD_INPUT = 2
EPILOG = """\
environment variables:
  SOMEWIZARD_DATA_DIR    where drafts and their backups are kept
                         (default: the platform's data folder, e.g. ~/.local/share/somewizard)
  SOMEWIZARD_CONFIG_DIR  where your own presets live, in presets/industries and presets/tones
                         (default: the platform's config folder, e.g. ~/.config/somewizard)

exit codes:
  0    done
  2    bad input or usage: one line on stderr says what and where (file:line, field)
  130  interrupted (Ctrl+C); 143 and 129 for SIGTERM and SIGHUP
"""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    p = _Parser(
        prog="somewizard",
        description="Write your business's social-media policy, step by step. "
        "With no command, the wizard starts; 'somewizard FILE.yaml' opens an answers file in it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"somewizard {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    wiz = sub.add_parser(
        "wizard",
        help="start the wizard (the default)",
        description="Start the wizard in this terminal, optionally with an answers file open. "
        "Your work is saved as a draft as you type.",
    )
    wiz.add_argument("answers", nargs="?", type=Path, help="an answers file to open")

    exp = sub.add_parser(
        "export",
        help="write the policy without the wizard",
        description="Write the policy from presets and/or an answers file. With no options it "
        "writes a complete policy from the built-in defaults.",
    )
    exp.add_argument("--answers", type=Path, metavar="FILE", help="a saved answers file (.yaml)")
    exp.add_argument("--industry", metavar="NAME", help="an industry preset (see 'presets')")
    exp.add_argument("--tone", metavar="NAME", help="a tone preset (see 'presets')")
    exp.add_argument("--lang", choices=("da", "en"), help="language of the policy (default: da)")
    exp.add_argument(
        "--format",
        choices=("docx", "md", "html", "pdf", "yaml", "ics"),
        help="docx (Word), md (Markdown), html (an intranet page), pdf (needs LibreOffice), "
        "yaml (the answers, to edit and feed back) or ics (the next review, for a calendar); "
        "default: from the file name, else docx",
    )
    exp.add_argument(
        "--template", type=Path, metavar="FILE.docx", help="a Word file to take styles from"
    )
    exp.add_argument(
        "--compare",
        type=Path,
        metavar="OLD.yaml",
        help="docx: mark the changes against this older answers file as Word revisions",
    )
    exp.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="where to write; - writes md, html or yaml to standard output",
    )
    exp.add_argument("--force", action="store_true", help="replace PATH if it exists")
    exp.add_argument(
        "--page-numbers",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="docx: show the pages in the contents, counted by LibreOffice when it is "
        "installed (about two seconds; default: on); without, Word fills them in on opening",
    )

    pre = sub.add_parser(
        "presets",
        help="list the industry and tone presets",
        description="List the built-in industry and tone presets and your own "
        "(in the config folder), with one line about each.",
    )
    pre.add_argument(
        "--lang", choices=("da", "en"), help="language of the descriptions (default: da)"
    )

    srv = sub.add_parser(
        "serve",
        help="serve the wizard to a web browser (needs the web extra)",
        description="Serve the wizard on http://HOST:PORT with textual-serve (the web extra: "
        "pip install '.[web]'). Each browser tab is a session of its own; its files are "
        "downloads. There is no login: keep it on this machine unless you put one in front.",
    )
    srv.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    srv.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    srv.add_argument(
        "--public-url", metavar="URL", help="the address browsers use, when not http://HOST:PORT"
    )

    chk = sub.add_parser(
        "check",
        help="validate an answers file or a preset file",
        description="Check an answers or preset file as export would: its structure and "
        "every field rule. For answers, also report guide coverage and readability (LIX).",
    )
    chk.add_argument("file", type=Path, help="the file to check")

    dif = sub.add_parser(
        "diff",
        help="what changed between two answers files, chapter by chapter",
        description="Compare two answers files (or drafts): every changed answer, the chapter "
        "it changes, and whether the change is editorial or substantive (a new major version).",
    )
    dif.add_argument("old", type=Path, help="the older answers file")
    dif.add_argument("new", type=Path, help="the newer answers file")
    dif.add_argument("--lang", choices=("da", "en"), help="language (default: NEW's)")
    dif.add_argument("-o", "--output", type=Path, metavar="FILE.md", help="also write Markdown")
    dif.add_argument("--force", action="store_true", help="replace FILE.md if it exists")

    ver = sub.add_parser(
        "version",
        help="give changed answers a new version: editorial (1.1) or substantive (2.0)",
        description="Compare NEW with the version it replaces (--since OLD), give it the next "
        "version number (editorial 1.0 -> 1.1, substantive 1.x -> 2.0; proposed from the "
        "changes unless you choose), add its row to the version history, and write it.",
    )
    ver.add_argument("new", type=Path, help="the changed answers file")
    ver.add_argument("--since", type=Path, required=True, metavar="OLD", help="the old version")
    kinds = ver.add_mutually_exclusive_group()
    kinds.add_argument("--editorial", action="store_const", const="editorial", dest="kind")
    kinds.add_argument("--substantive", action="store_const", const="substantive", dest="kind")
    ver.add_argument("--summary", metavar="TEXT", help="what changed, for the history row")
    where = ver.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", type=Path, metavar="FILE.yaml", help="write here")
    where.add_argument("--in-place", action="store_true", help="write over NEW")
    ver.add_argument("--staff", type=Path, metavar="FILE.md", help="also write 'what's new'")
    ver.add_argument("--force", action="store_true", help="replace FILE.yaml or FILE.md")
    ver.add_argument("--lang", choices=("da", "en"), help="language (default: NEW's)")

    sig = sub.add_parser(
        "signatures",
        help="who has signed the current version, and who must sign again",
        description="Read a register of signatures (CSV: name;version;date, or navn;version;"
        "dato) and list who has signed the answers' version and who signed only an older "
        "substantive version (1.x holds for 1.y; 2.0 asks everyone again).",
    )
    sig.add_argument("register", type=Path, help="the register (.csv)")
    sig.add_argument("--answers", type=Path, required=True, metavar="FILE", help="answers file")
    sig.add_argument("--lang", choices=("da", "en"), help="language (default: the answers')")
    sig.add_argument("--sheet", type=Path, metavar="OUT.md|OUT.html", help="write a sheet to sign")
    sig.add_argument("--force", action="store_true", help="replace the sheet if it exists")
    return p


class _Stopped(BaseException):
    """SIGTERM or SIGHUP arrived: unwind, so temporary files and LibreOffice are cleaned up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _end_cleanly_on_signals() -> dict[int, Any]:
    """Turn SIGTERM and SIGHUP into an exception, as Python does with SIGINT.

    By default they end the process at once, leaving a half-written temporary file (and,
    for a PDF, a temporary folder and a running converter). Unwinding runs the clean-up.
    """
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise _Stopped(signum)

    before: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signum = getattr(signal, name)
            before[signum] = signal.signal(signum, stop)
    return before


def run() -> NoReturn:
    """The ``somewizard`` console script: :func:`main`, then exit.

    The process ends here, and its memory goes back with it. ``gc.freeze()`` first moves
    every object out of the collector's sight, so the interpreter's last collection at exit
    does not walk them all: after an export that walk was about 20 ms, a sixth of the run.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


COMMANDS = ("wizard", "export", "presets", "serve", "check", "diff", "version", "signatures")


def _file_opens_the_wizard(argv: Sequence[str]) -> list[str]:
    """``somewizard svar.yaml`` is ``somewizard wizard svar.yaml``: an answers file named
    first, where a command would be, opens in the wizard (a file that ends in .yaml or
    .yml, or one that exists). A mistyped command still gets the list of commands."""
    args = list(argv)
    if args and args[0] not in COMMANDS and not args[0].startswith("-"):
        first = args[0]
        if first.lower().endswith((".yaml", ".yml")) or Path(first).is_file():
            return ["wizard", *args]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(_file_opens_the_wizard(sys.argv[1:] if argv is None else argv))
    quick = ("export", "check", "presets", "diff", "signatures", "version")
    before = _end_cleanly_on_signals() if args.command in quick else {}
    try:
        if args.command == "export":
            return _export(args)
        if args.command == "presets":
            return _presets(args)
        if args.command == "check":
            return _check(args)
        if args.command == "diff":
            return _diff(args)
        if args.command == "signatures":
            return _signatures(args)
        if args.command == "version":
            return _version(args)
        if args.command == "serve":
            from .serve import serve

            return serve(args.host, args.port, args.public_url)
        return _wizard(getattr(args, "answers", None))
    except InputError as exc:
        print(f"somewizard: {_said(exc, getattr(args, 'lang', None))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except _Stopped as stop:
        return 128 + stop.signum
    finally:
        import signal

        for signum, handler in before.items():  # as they were (main() may run in-process)
            signal.signal(signum, handler)


def _version(args: argparse.Namespace) -> int:
    """``somewizard version NEW --since OLD``: the next version, its history row, written."""
    from .ui import t
    from .versions import make, staff_note
    from .yamlio import write_atomic

    result = make(args.since, args.new, kind=args.kind, text=args.summary, lang=args.lang)
    lang = args.lang or _answers_language(result.text)
    out = args.new if args.in_place else args.output
    write_atomic(out, result.text, force=args.force or args.in_place)
    if args.staff is not None:
        write_atomic(args.staff, staff_note(result, lang), force=args.force)
    kind = t(f"versions.kind_{result.kind}", lang)
    print(t("versions.done", lang, version=result.version, kind=kind, summary=result.summary))
    if result.kind != result.proposed:
        proposed = t(f"versions.kind_{result.proposed}", lang)
        print(t("versions.proposed", lang, kind=proposed, chosen=kind))
    if result.kind == "substantive":
        print(t("versions.resign", lang))
    return 0


def _answers_language(text: str) -> str:
    """The language an answers file's text names (``language: en``), else Danish."""
    for line in text.splitlines():
        if line.startswith("language:"):
            return "en" if line.split(":", 1)[1].strip() == "en" else "da"
    return "da"


def _localised(lang: str | None) -> bool:
    """Whether ``--lang`` asks for other words than the command line's own English."""
    return lang is not None and lang != "en"


def _said(exc: InputError, lang: str | None) -> str:
    """An error as the command line prints it: in the language ``--lang`` asks for, as the
    wizard says it (the field by its label and step), else in the command line's English
    (the field by its answer path, as an answers file writes it)."""
    if lang is None or not _localised(lang):
        return f"error: {exc}"
    return f"{_word('error', lang)}: {exc.text(lang)}"


def _word(key: str, lang: str, **values: str) -> str:
    """The command line's word ``errors.cli.KEY`` in ``lang``."""
    from .ui import t

    return t(f"errors.cli.{key}", lang, **values)


def _export(args: argparse.Namespace) -> int:
    """``somewizard export``.

    A one-shot job: the cycle collector is paused while it runs. Its objects are freed by
    reference counting as usual, and collections during python-docx's import and the
    render were about 5 % of an export.
    """
    gc.disable()
    try:
        return _export_now(args)
    finally:
        gc.enable()


def _export_now(args: argparse.Namespace) -> int:
    from .export import export
    from .session import compose

    session = compose(
        answers_file=args.answers, industry=args.industry, tone=args.tone, language=args.lang
    )
    if args.output.endswith(("/", os.sep)):  # Path() would drop the slash
        raise InputError(
            "is a folder name; give a file name, like policy.docx",
            file=args.output,
            code="folder_name",
        )
    notes: list[str] = []
    answers = session.checked()
    before = None
    if args.compare is not None:  # the old version, read the way the new one is
        before = compose(answers_file=args.compare, language=answers.language).answers()
    path = export(
        answers,
        Path(args.output),
        args.format,
        force=args.force,
        template=args.template,
        notes=notes,
        page_numbers=args.page_numbers,
        compare=before,
    )
    for note in notes:
        print(f"somewizard: note: {note}", file=sys.stderr)
    if str(path) != "-":
        wrote = _word("wrote", args.lang, path=str(path)) if _localised(args.lang) else None
        print(wrote or f"Wrote {path}")
    return 0


def _presets(args: argparse.Namespace) -> int:
    """``somewizard presets``: name, kind and one-line description."""
    from .presets import catalogue

    problems: list[InputError] = []
    lang = args.lang or "da"
    own = _word("own", args.lang) if _localised(args.lang) else "(own) "
    rows = [
        (p.name, p.kind, ("" if p.builtin else own) + p.text("description", lang))
        for p in catalogue(problems=problems)
    ]
    for problem in problems:
        said = None
        if _localised(args.lang):
            said = f"{_word('left_out', args.lang)} {problem.text(args.lang)}"
        print(f"somewizard: {said or f'warning: left out {problem}'}", file=sys.stderr)
    width = max((len(r[0]) for r in rows), default=4)
    for name, kind, desc in rows:
        print(f"{name:<{width}}  {kind:<8}  {desc.splitlines()[0] if desc else ''}")
    return 0


def _check(args: argparse.Namespace) -> int:
    """``somewizard check FILE``: is it a valid answers or preset file, ready to export?"""
    from .answers import read_layer
    from .presets import load_preset

    data, _ = read_layer(args.file)
    if "preset" in data or "answers" in data:
        preset = load_preset(args.file)
        print(f"{args.file}: ok ({preset.kind} preset {preset.name!r})")
    else:
        from .document import build
        from .quality import analyse, format_report
        from .session import compose

        answers = compose(answers_file=args.file).checked()
        print(
            f"{args.file}: ok (answers for {answers.organisation.name!r}, language {answers.language})"
        )
        print(format_report(analyse(build(answers)), answers.language))
        _warn_if_overdue(answers)
    return 0


def _warn_if_overdue(answers: Answers) -> None:
    """A warning on stderr when the policy's review date has passed."""
    from .document import format_date
    from .ics import overdue

    due = overdue(answers)
    if due is not None:
        print(
            f"somewizard: warning: the review was due {format_date(due, 'en')}; review the "
            "policy, then give it a new version and effective date",
            file=sys.stderr,
        )


def _diff(args: argparse.Namespace) -> int:
    """``somewizard diff OLD NEW``: the changes per chapter, and the suggested version."""
    from .changes import classify, compare, report

    old, new, changes = compare(args.old, args.new, args.lang)
    lang = args.lang or new.language
    verdict = classify(changes, old.organisation.version, lang)
    if args.output is not None:
        from .yamlio import check_target, write_atomic

        check_target(args.output, force=args.force)
        names = (str(args.old), str(args.new))
        text = report(changes, verdict, lang, markdown=True, names=names)
        write_atomic(args.output, text.encode("utf-8"), force=args.force)
    sys.stdout.write(report(changes, verdict, lang))
    return 0


def _signatures(args: argparse.Namespace) -> int:
    """``somewizard signatures REGISTER --answers FILE``: signed, and must sign again."""
    import dataclasses

    from .session import compose
    from .signatures import read_register, report, sheet, status

    answers = compose(answers_file=args.answers).answers()
    if args.lang:
        answers = dataclasses.replace(answers, language=args.lang)
    fmt = ""
    if args.sheet is not None:
        fmt = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}.get(
            args.sheet.suffix.lower(), ""
        )
        if not fmt:
            raise InputError("give a .md or .html file for the sheet", file=str(args.sheet))
    state = status(read_register(args.register), answers)
    if args.sheet is not None:
        from .yamlio import write_atomic

        write_atomic(args.sheet, sheet(state, answers, fmt).encode("utf-8"), force=args.force)
    sys.stdout.write(report(state, answers.language))
    return 0


def _wizard(answers: Path | None) -> int:
    """Start the wizard."""
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        print(
            "somewizard: the wizard needs a terminal. To write a policy without one, run: "
            "somewizard export -o policy.docx",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    from .app import SomeWizardApp

    SomeWizardApp(answers_file=answers).run()
    return 0


if __name__ == "__main__":  # pragma: no cover
    run()
