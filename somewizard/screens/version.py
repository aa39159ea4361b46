"""A new version from the wizard: what changed since the file was opened, whether that is
an editorial or a substantive change (proposed from the changes), and the history row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from ..session import Session
from ..ui import t
from ..widgets.editors import TextInput
from .modal import Dialog


@dataclass(frozen=True)
class VersionChoice:
    """The kind of change chosen and the summary for the history row."""

    kind: str
    summary: str


def base_of(session: Session) -> Session:
    """The answers before this session's typing: the opened file (or the presets)."""
    base = session.copy()
    base.typed = {}
    return base


class VersionDialog(Dialog[object]):
    """Dismisses with a :class:`VersionChoice`, or None."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.lang = session.language
        self.old_version = base_of(session).answers().organisation.version

    def compose(self) -> ComposeResult:
        from ..changes import next_version

        lang = self.lang
        minor = next_version(self.old_version, "editorial") or "?"
        major = next_version(self.old_version, "substantive") or "?"
        with Vertical(classes="dialog", id="version-dialog"):
            yield Label(t("versions.dialog.title", lang), classes="dialog-title")
            yield Static(
                t("versions.dialog.intro", lang, version=self.old_version), classes="field-help"
            )
            with VerticalScroll(id="version-changes"):
                yield Static(t("versions.dialog.reading", lang), id="version-list", markup=False)
            yield Static("", id="version-proposal", markup=False)
            yield Label(t("versions.dialog.summary", lang))
            yield TextInput("", id="version-summary", compact=True)
            with Horizontal(classes="dialog-buttons -compact"):
                yield Button(
                    t("versions.dialog.editorial", lang, version=minor),
                    id="kind-editorial",
                    compact=True,
                )
                yield Button(
                    t("versions.dialog.substantive", lang, version=major),
                    id="kind-substantive",
                    compact=True,
                )
                yield Button(t("versions.dialog.cancel", lang), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#version-summary", Input).focus()
        self._compare(self.session.copy())

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _compare(self, session: Session) -> None:
        """The changes, off the UI thread (each is found by building the policy)."""
        from ..changes import classify, diff
        from ..versions import summary

        lang = session.language
        changes = diff(base_of(session).answers(), session.answers(), lang)
        verdict = classify(changes, self.old_version, lang)
        lines = [c.line(lang) for c in changes] or [t("versions.no_change", lang)]
        self.app.call_from_thread(
            self._show,
            lines,
            verdict.line(lang, bool(changes)),
            verdict.kind,
            summary(changes, lang),
        )

    def _show(self, lines: list[str], proposal: str, kind: str, said: str) -> None:
        self.query_one("#version-list", Static).update("\n".join(lines))
        self.query_one("#version-proposal", Static).update(proposal)
        field = self.query_one("#version-summary", Input)
        if not field.value:
            field.value = said
        for button in self.query(Button):
            button.variant = "primary" if button.id == f"kind-{kind}" else "default"

    @on(Button.Pressed, "#kind-editorial, #kind-substantive")
    def _chosen(self, event: Button.Pressed) -> None:
        kind = (event.button.id or "").removeprefix("kind-")
        said = self.query_one("#version-summary", Input).value.strip()
        self.dismiss(VersionChoice(kind, said))

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        primary = next((b for b in self.query(Button) if b.variant == "primary"), None)
        if primary is not None:
            primary.press()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def apply(session: Session, choice: VersionChoice, today: dt.date | None = None) -> str:
    """Give the session's answers the next version and its history row; the new version."""
    from ..changes import Kind, next_version
    from ..versions import history_rows

    base = base_of(session).answers()
    kind: Kind = "substantive" if choice.kind == "substantive" else "editorial"
    old = base.organisation.version
    version = next_version(old, kind) or f"{old}.1"
    history = session.answers().appendix.history
    rows = history_rows(
        history,
        old,
        base.organisation.effective_date,
        version,
        choice.summary,
        session.language,
        today or dt.date.today(),
    )
    session.set_answer("organisation.version", version)
    session.set_answer("appendix.history", rows)
    return version
