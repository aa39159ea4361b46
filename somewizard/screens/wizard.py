"""The wizard: a sidebar of steps with completion marks and one content area."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import Reactive
from textual.screen import Screen
from textual.walk import walk_depth_first
from textual.widget import Widget
from textual.widgets import (
    Button,
    ContentSwitcher,
    Header,
    Input,
    Label,
    OptionList,
    ProgressBar,
    Select,
    Static,
    Switch,
    TextArea,
)
from textual.widgets.option_list import Option

from ..answers import ROLE_IDS, Answers
from ..document import PolicyDocument, Table, build, content, tr
from ..messages import SessionChanged
from ..quality import DONT_AIM, LIX_AIM, LIX_MIN, WORDS_AIM, analyse
from ..render.markdown import render as render_markdown
from ..rules import step_of
from ..session import REVIEW, STEP_KEYS, Session
from ..ui import StepSpec, step_for, steps, t
from ..widgets.fields import FieldRow, RolesTable
from ..widgets.footer import QuietFooter
from ..widgets.keys import localised, shown
from ..widgets.steplist import StepList

if TYPE_CHECKING:
    from ..app import SomeWizardApp

FIELD_TYPES = (Input, TextArea, Switch, Select, Button)
"""What the cursor is put in when a step is shown."""

MARKS = {"done": "✓", "problem": "!", "todo": "·"}


class StepPane(VerticalScroll, can_focus=False):
    """One step: its intro and a row per field.

    Not focusable itself: Tab from the list of steps goes to the first field, not to an
    invisible container that swallows what is typed next."""

    def __init__(self, spec: StepSpec, session: Session) -> None:
        super().__init__(id=f"step-{spec.key}", classes="step")
        self.spec = spec
        self.session = session
        self._roles_message = ""

    def compose(self) -> ComposeResult:
        session = self.session
        lang = session.language
        errors = session.field_errors()
        yield Static(self.spec.intro[lang], classes="step-intro")
        if self.spec.key == STEP_KEYS[0]:
            with Vertical(id="presets-row"):
                yield Static(_presets_now(session), id="presets-now", markup=False)
                yield Button(t("presets_change.button", lang), id="change-presets", compact=True)
        for field in self.spec.fields:
            if field.kind == "roles":
                yield Label(field.label[lang], classes="field-label")
                yield Static(field.help[lang], classes="field-help")  # before six blocks
                yield RolesTable(session.answers().roles, lang)
                message = Static(
                    "", classes="field-message -error", id="roles-message", markup=False
                )
                message.display = False
                yield message
            else:
                yield FieldRow(field, session.value(field.path), lang, errors.get(field.path, ""))

    def show_messages(self, errors: dict[str, str]) -> None:
        """Show each field's rule message (or none) under it.

        Called on every step change: the rows are the pane's own children, so they are
        read from there rather than by a CSS query over every widget in the pane, and
        a message that has not changed is not drawn again."""
        for child in self.children:
            if isinstance(child, FieldRow):
                if child.error != errors.get(child.spec.path, ""):
                    child.show_message(errors.get(child.spec.path, ""))
            elif child.id == "roles-message" and isinstance(child, Static):
                text = errors.get("roles", "")
                if text != self._roles_message:
                    self._roles_message = text
                    child.update(text)
                    child.display = bool(text)

    def first_field(self) -> Widget | None:
        """The first field the cursor can go to (not the step's change-presets button).

        Walks the pane in order and stops at the first one, where a query would match
        every widget of the pane first."""
        for widget in walk_depth_first(self, with_root=False):
            if (
                isinstance(widget, FIELD_TYPES)
                and widget.id != "change-presets"
                and widget.focusable
            ):
                return widget
        return None


def _presets_now(session: Session) -> str:
    """``Branche: Detailhandel · Tone: Venlig``: the presets the answers start from."""
    lang = session.language
    names = {
        kind: preset.text("title", lang) if preset else t("start.no_preset", lang)
        for kind, preset in session.presets.items()
    }
    return t("presets_change.now", lang, industry=names["industry"], tone=names["tone"])


class Preview(Static):
    """The policy as Markdown, drawn by Rich as one widget.

    Textual's Markdown widget builds a widget per block (about 500 for a policy), which
    made the review step take a tenth of a second to appear every time. A table too wide
    for the preview is drawn a block per row, so no e-mail address is cut short.
    """

    source = ""
    """The Markdown shown."""

    def show(self, markdown: str) -> None:
        """Show this Markdown text."""
        from ..widgets.markdown import PolicyMarkdown

        self.source = markdown
        self.update(PolicyMarkdown(markdown))


class ReviewPane(VerticalScroll):
    """What stands in the way of the export, the checklist in words, and a live preview."""

    def __init__(self, lang: str) -> None:
        super().__init__(id=f"step-{REVIEW}", classes="step")
        self.lang = lang
        self._shown_for: tuple[Answers, tuple[tuple[str, str], ...]] | None = None
        self._paths: list[str] = []
        """The field path of each line in the list of what to fix."""

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(t("review.intro", lang), classes="step-intro")
        with Horizontal(classes="review-buttons"):
            yield Button(
                t("review.export", lang), variant="primary", id="review-export", compact=True
            )
            yield Button(t("review.save", lang), id="review-save", compact=True)
            yield Button(
                t("actions.new_version.label", lang) + "…", id="review-version", compact=True
            )
        yield Label(t("review.blockers", lang), classes="field-label", id="blockers-label")
        yield OptionList(id="blockers", compact=True)
        yield Static("", id="no-blockers", markup=False)
        yield Label(t("review.checklist", lang), classes="field-label")
        yield Static("", id="checklist", markup=False)
        yield Label(t("review.preview", lang), classes="field-label")
        yield Preview(id="preview")

    def is_current(self, session: Session) -> bool:
        """Whether the pane shows these answers and problems already."""
        return (session.answers(), tuple(session.field_errors().items())) == self._shown_for

    def refresh_from(self, session: Session) -> None:
        """Rebuild the blockers, the checklist and the preview (if anything changed)."""
        self.loading = False
        answers = session.answers()
        errors = tuple(session.field_errors().items())
        if (answers, errors) == self._shown_for:
            return
        self._shown_for = (answers, errors)
        lang = self.lang
        blockers = self.query_one("#blockers", OptionList)
        blockers.clear_options()
        self._paths = []
        for path, label, message in _blockers(session, lang):
            self._paths.append(path)
            index = step_of(path)
            spec = steps()[index]
            text = t(
                "review.blocker",
                lang,
                n=str(index + 1),
                step=spec.title[lang],
                field=label,
                message=message,
            )
            blockers.add_option(Option(text, id=f"blocker-{index}-{len(blockers.options)}"))
        blockers.highlighted = 0 if errors else None
        blockers.display = bool(errors)
        self.query_one("#blockers-label", Label).display = bool(errors)
        none = self.query_one("#no-blockers", Static)
        none.display = not errors
        none.update(t("review.no_blockers", lang))
        doc = build(answers)
        self.query_one("#checklist", Static).update("\n".join(checklist(doc, lang)))
        self.query_one("#preview", Preview).show(render_markdown(doc))
        if self.screen.focused is self:
            self.take_cursor()  # the list of what blocks the export may just have come

    def take_cursor(self) -> None:
        """Put the cursor where a keyboard user starts here: on the list of what blocks the
        export (Enter goes to the field), or else on the review itself, so that the arrows
        and Page Down scroll it. Tab goes on to its buttons."""
        blockers = self.query_one("#blockers", OptionList)
        target: Widget = blockers if blockers.display and blockers.option_count else self
        self.screen.set_focus(target, scroll_visible=False)

    @on(OptionList.OptionSelected, "#blockers")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        """Go to the step that holds the chosen problem."""
        event.stop()
        index = int(str(event.option.id).split("-")[1])
        cast("WizardScreen", self.screen).goto(index)
        path = self._paths[event.option_index]
        self.app.call_after_refresh(cast("SomeWizardApp", self.app).focus_field, path)


def _blockers(session: Session, lang: str) -> list[tuple[str, str, str]]:
    """What must be fixed before an export, as (field path, the field's name, message); a
    roles problem names its area and column (``O2 Godkendelse af opslag · Kontakt``)."""
    from ..widgets.fields import role_place

    served = str(session.answers().organisation.served)
    out = []
    for path, message in session.field_errors().items():
        index = step_of(path)
        spec = steps()[index]
        label = next((f.label[lang] for f in spec.fields if f.path == path), spec.title[lang])
        roles = [p for p in session.problems() if p.field == "roles" and len(p.key) >= 3]
        if path == "roles" and roles:
            out += [
                (p.path, role_place(str(p.key[1]), str(p.key[2]), served, lang), p.message(lang))
                for p in roles
            ]
        else:
            out.append((path, label, message))
    return out


def _number(n: int, lang: str) -> str:
    """A count as the language writes it: 1.879 in Danish, 1,879 in English."""
    return f"{n:,}".replace(",", "." if lang == "da" else ",")


def _percent(share: float, lang: str) -> str:
    """A share as the language writes it: 3 % in Danish, 3% in English."""
    return f"{share:.0%}".replace("%", " %" if lang == "da" else "%")


def _blank_roles(doc: PolicyDocument) -> list[str]:
    """The areas of the roles table whose person, contact or deputy the policy shows as a
    blank to fill in (``[navn]``), in the table's order."""
    header = tuple(tr(content()["roles"]["header"], doc.language))
    marks = set(tr(content()["roles"]["blank"], doc.language))
    return [
        row[0]
        for sec in doc.walk()
        for block in sec.blocks
        if isinstance(block, Table) and block.header == header
        for row in block.rows
        if marks & set(row[2:])
    ]


def _listed(items: list[str], lang: str) -> str:
    """``a, b og c`` (``a, b and c``), each in »quotes« as the policy names them."""
    quoted = [f"»{i}«" if lang == "da" else f"'{i}'" for i in items]
    if len(quoted) < 2:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + (" og " if lang == "da" else " and ") + quoted[-1]


def checklist(doc: PolicyDocument, lang: str) -> list[str]:
    """The review's checklist in words: the figures explained, then each point by group."""
    report = analyse(doc)
    coverage = doc.coverage()
    lix = report.lix
    verdict = (
        "choppy"
        if lix < LIX_MIN
        else "easy"
        if lix <= LIX_AIM
        else "medium"
        if lix < 45
        else "hard"
    )
    lines = [
        t("review.summary", lang, covered=str(sum(coverage.values())), total=str(len(coverage))),
        t("review.length", lang, words=_number(report.words, lang), aim=_number(WORDS_AIM, lang)),
        t(
            "review.readability",
            lang,
            lix=f"{lix:.0f}",
            verdict=t(f"review.verdict.{verdict}", lang),
        ),
        t(
            "review.donts_line",
            lang,
            share=_percent(report.dont_share, lang),
            aim=_percent(DONT_AIM, lang),
        ),
    ]
    for sec in report.hard_sections:
        lines.append(
            "⚠ " + t("review.hard_section", lang, heading=sec.heading, lix=f"{sec.lix:.0f}")
        )
    for heading, _ in report.long_sentences:
        lines.append("⚠ " + t("review.long_sentence", lang, heading=heading))
    for sec in report.dont_sections:
        share = _percent(sec.dont_share, lang)
        lines.append("⚠ " + t("review.dont_section", lang, heading=sec.heading, share=share))
    blank = _blank_roles(doc)
    roles = step_for(ROLE_IDS[0])
    if blank and roles is not None:
        n = str(steps().index(roles) + 1)
        areas = t("review.roles_all", lang) if len(blank) == len(ROLE_IDS) else _listed(blank, lang)
        lines.append("⚠ " + t("review.roles_blank", lang, areas=areas, n=n, step=roles.title[lang]))
    group = ""
    for eid, ok in coverage.items():
        if eid[0] != group:
            group = eid[0]
            lines += ["", t(f"review.groups.{group}", lang)]
        line = f"{'✓' if ok else '✗'} {t(f'review.elements.{eid}', lang)} ({eid})"
        step = step_for(eid)
        if not ok and step is not None:
            n = str(steps().index(step) + 1)
            line += " " + t("review.missing", lang).lower() + ": "
            line += t("review.fix", lang, n=n, step=step.title[lang])
        lines.append(line)
    return lines


class WizardScreen(Screen[None]):
    """All steps of the guide, a sidebar to jump between them, and the review."""

    CSS_PATH = "forms.tcss"
    # Textual repaints the whole screen whenever the focus moves. The widgets that gain
    # and lose focus restyle (and so repaint) themselves anyway, and a step change moves
    # the focus, so that full repaint was most of the cost of every step change.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    BINDINGS = [
        *localised("ctrl+n", "next", "next", id="next", priority=True),
        *localised("ctrl+b", "back", "back", id="back", priority=True),
        *localised("ctrl+g", "steps", "goto", id="steps", priority=True),
        # F2-F9 reach every terminal (tmux and others send Alt as Escape) and never type a
        # character into a field; Alt+1-8 stay for the terminals that pass them on.
        *[Binding(f"f{i + 1}", f"jump({i - 1})", show=False, priority=True) for i in range(1, 9)],
        *[Binding(f"alt+{i}", f"goto({i - 1})", show=False, priority=True) for i in range(1, 9)],
        # Moving on from a field is decided here, before the next key is read: as a plain
        # binding, Tab or Enter travelled up from the field through every container first,
        # and letters typed right after it (a quick typist, a terminal sending a burst)
        # still went into the field being left.
        Binding("tab", "move_focus(1)", show=False, priority=True),
        Binding("shift+tab", "move_focus(-1)", show=False, priority=True),
        Binding("enter", "enter", show=False, priority=True),
    ]

    def __init__(self, step: int = 0) -> None:
        super().__init__()
        self.start_step = step
        self._from_sidebar = False

    @property
    def session(self) -> Session:
        """What the user decided, kept by the app."""
        return cast("SomeWizardApp", self.app).session

    def keys(self) -> list[str]:
        """Every step key, the review last."""
        return list(STEP_KEYS)

    def compose(self) -> ComposeResult:
        session = self.session
        lang = session.language
        yield Header()
        with Horizontal(id="body"):
            yield StepList(*self._options(), id="sidebar")
            with Vertical(id="main"):
                with Horizontal(id="progress-row"):
                    yield Label("", id="step-title")
                    yield ProgressBar(
                        total=len(self.keys()), show_eta=False, show_percentage=False, id="progress"
                    )
                with ContentSwitcher(initial=f"step-{self.keys()[self.start_step]}", id="steps"):
                    for spec in steps():
                        yield StepPane(spec, session)
                    yield ReviewPane(lang)
                with Horizontal(id="nav"):
                    yield Button(t("actions.back.label", lang), id="nav-back", compact=True)
                    yield Button(
                        t("actions.next.label", lang),
                        variant="primary",
                        id="nav-next",
                        compact=True,
                    )
        yield QuietFooter()

    def _options(self) -> list[Option]:
        return [Option(self._prompt(i), id=f"opt-{key}") for i, key in enumerate(self.keys())]

    def _prompt(self, index: int) -> str:
        session = self.session
        key = self.keys()[index]
        lang = session.language
        title = t("review.title", lang) if key == REVIEW else steps()[index].title[lang]
        state = session.step_state(key)
        return f"{MARKS[state]} {index + 1} {title}"

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")
        self.set_class(self.size.width < 80, "-tiny")

    def on_mount(self) -> None:
        self.goto(self.start_step)
        app = cast("SomeWizardApp", self.app)
        if app.focus_after_show:  # a field to fix, chosen before this screen was built
            field, app.focus_after_show = app.focus_after_show, None
            self.call_after_refresh(app.focus_field, field)
        app.screen_ready()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys are bound once per language: only the session's language's are active.

        F6 and F7 stay a multi-line field's own keys (select the line, select all) while
        it has the cursor, and Enter moves on only from a one-line field (not from the
        version history's last column, where it adds a row)."""
        focused = self.focused
        if action == "jump":
            return not (isinstance(focused, TextArea) and parameters[:1] in ((4,), (5,)))
        if action == "enter":
            return isinstance(focused, Input) and not focused.has_class("history-change")
        return shown(parameters, self.session.language)

    def action_jump(self, index: int) -> None:
        """Jump to a step by its F-key."""
        self.goto(index)

    def action_move_focus(self, direction: int) -> None:
        """Tab and Shift+Tab: the next or previous field."""
        if direction > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def action_enter(self) -> None:
        """Enter in a one-line field moves on to the next field, as in a paper form."""
        self.focus_next()

    @property
    def index(self) -> int:
        """The step shown now."""
        current = self.query_one("#steps", ContentSwitcher).current or ""
        return self.keys().index(current.removeprefix("step-"))

    def goto(self, index: int) -> None:
        """Show step ``index`` (clamped), marking the one left as visited."""
        keys = self.keys()
        index = max(0, min(index, len(keys) - 1))
        session = self.session
        switcher = self.query_one("#steps", ContentSwitcher)
        key = keys[index]
        if key != session.step:
            session.go(key)
            self.post_message(SessionChanged())
        switcher.current = f"step-{key}"
        lang = session.language
        title = t("review.title", lang) if key == REVIEW else steps()[index].title[lang]
        self.query_one("#step-title", Label).update(
            f"{title}  ·  {t('progress.step', lang, n=str(index + 1), total=str(len(keys)))}"
        )
        self.query_one("#progress", ProgressBar).update(progress=index + 1)
        self.query_one("#nav-back", Button).disabled = index == 0
        self.query_one("#nav-next", Button).disabled = index == len(keys) - 1
        sidebar = self.query_one("#sidebar", OptionList)
        sidebar.highlighted = index
        self.refresh_marks()
        if key == REVIEW:
            review = self.query_one(ReviewPane)
            review.scroll_home(animate=False)
            if self._from_sidebar:
                self._from_sidebar = False
            else:
                review.take_cursor()
            if review.is_current(session):
                return
            # Building the policy and its preview takes a moment: show that it is coming.
            review.loading = True
            self.call_after_refresh(review.refresh_from, session)
        else:
            pane = self.query_one(f"#step-{key}", StepPane)
            pane.show_messages(session.field_errors())
            self._focus_first(pane)

    def _focus_first(self, pane: Any) -> None:
        """Put the cursor in the step's first field, unless the user is picking in the sidebar."""
        if self._from_sidebar:
            self._from_sidebar = False
            return
        widget = pane.first_field()
        if widget is not None:
            # At once rather than through widget.focus(), which waits for the message
            # queue: keys typed straight after the step key go to this field. It is
            # scrolled to once the step is laid out (before, it would be centred on a
            # position from before the step showed).
            self.set_focus(widget, scroll_visible=False)
            self.call_after_refresh(widget.scroll_visible, animate=False)

    def refresh_marks(self) -> None:
        """Update the completion mark of every step in the sidebar whose mark changed."""
        sidebar = self.query_one("#sidebar", OptionList)
        for i in range(len(self.keys())):
            self._set_prompt(sidebar, i)

    def _set_prompt(self, sidebar: OptionList, index: int) -> None:
        prompt = self._prompt(index)
        if sidebar.get_option_at_index(index).prompt != prompt:
            sidebar.replace_option_prompt_at_index(index, prompt)

    def action_next(self, _lang: str = "") -> None:
        """Go to the next step."""
        self.goto(self.index + 1)

    def action_back(self, _lang: str = "") -> None:
        """Go to the previous step."""
        self.goto(self.index - 1)

    def action_steps(self, _lang: str = "") -> None:
        """Move the cursor to the list of steps (arrows and Enter pick one); below 80
        columns the list shows until it loses the focus."""
        self.add_class("-steps-open")
        self.query_one("#sidebar", OptionList).focus()

    @on(events.DescendantBlur, "#sidebar")
    def _steps_left(self) -> None:
        self.remove_class("-steps-open")

    def action_goto(self, index: int) -> None:
        """Jump to a step by number."""
        self.goto(index)

    def action_presets(self) -> None:
        """Choose another industry or tone, seeing first what it changes."""
        from .change import PresetChoice, PresetDialog

        def chosen(result: object) -> None:
            if not isinstance(result, PresetChoice):
                return
            session = self.session
            changed = [session.choose_preset(k, p) for k, p in result.chosen.items()]
            if any(changed):
                self.post_message(SessionChanged())
                app = cast("SomeWizardApp", self.app)
                app.show(session.step)  # the fields show the new suggestions
                app.tell(t("presets_change.done", session.language))

        self.app.push_screen(PresetDialog(self.session), chosen)

    def action_new_version(self) -> None:
        """Give what changed a new version: editorial or substantive, with its history row."""
        from .version import VersionChoice, VersionDialog, apply

        def chosen(result: object) -> None:
            if isinstance(result, VersionChoice):
                session = self.session
                version = apply(session, result)
                self.post_message(SessionChanged(answer=True))
                app = cast("SomeWizardApp", self.app)
                app.show(session.step)
                app.tell(t("versions.dialog.done", session.language, version=version))
                if result.kind == "substantive":
                    app.tell(t("versions.resign", session.language))

        self.app.push_screen(VersionDialog(self.session), chosen)

    @on(Button.Pressed, "#review-version")
    def _new_version(self) -> None:
        self.action_new_version()

    @on(Button.Pressed, "#change-presets")
    def _change_presets(self) -> None:
        self.action_presets()

    @on(OptionList.OptionSelected, "#sidebar")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option_index != self.index:
            # the cursor stays in the list to pick again, unless the list folds away
            self._from_sidebar = not self.has_class("-tiny")
            self.goto(event.option_index)

    @on(Button.Pressed, "#nav-next")
    def _next(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#nav-back")
    def _back(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#review-export")
    async def _export(self) -> None:
        await self.app.run_action("export")

    @on(Button.Pressed, "#review-save")
    async def _save(self) -> None:
        await self.app.run_action("save")

    @on(FieldRow.Changed)
    def _changed(self, event: FieldRow.Changed) -> None:
        session = self.session
        checked = event.checked
        session.set_input_error(event.path, checked.error if checked.value is None else "")
        if checked.value is not None:
            session.set_answer(event.path, checked.value)
        self._after_edit()

    @on(RolesTable.Changed)
    def _role(self, event: RolesTable.Changed) -> None:
        self.session.set_answer(event.path, event.value)
        self._after_edit()

    def _after_edit(self) -> None:
        """Show the rules' messages for the step and its mark; save the draft soon."""
        errors = self.session.field_errors()
        key = self.keys()[self.index]
        if key != REVIEW:
            self.query_one(f"#step-{key}", StepPane).show_messages(errors)
        self.refresh_marks()  # only the prompts whose mark changed are replaced
        self.post_message(SessionChanged(answer=True))
