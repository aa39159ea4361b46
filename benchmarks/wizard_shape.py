"""Write the wizard screen's shape as JSON, for the plain-Textual baseline to build.

Usage: python wizard_shape.py OUT.json [WIDTHxHEIGHT]

run.py runs this once, before any timed process, with the same empty data and config
folders as the benchmark. It runs somewizard headless, enters the wizard (whose steps are
composed from the real step specs, ``somewizard.ui.steps()``, and a fresh session), and
writes down the screen's widget tree:

* every widget as its own class name, the Textual class it derives from, its id, CSS
  classes, display and disabled state, and what it shows: a Static's or Label's text, an
  Input's value and placeholder, a TextArea's text and options, a Switch's and Select's
  value (and the Select's options), a Button's label, an OptionList's options, a
  ProgressBar's figures. Containers (StepPane, FieldRow, Grid, ...) with their children;
  Textual's compound widgets (Select, OptionList, Header, Footer, ...) as one leaf, which
  builds its own parts;
* the CSS the wizard uses: its screen's CSS files and the ``DEFAULT_CSS`` of
  somewizard's widget classes;
* the footer's keys, the focused widget and the app's title;
* all of it in the start language, and again after ctrl+l (the other language);
* what the first showing of the review changed (F9): the switcher's pane, the texts, the
  blockers' options, the checklist and the preview's Markdown source (somewizard's
  rendering of the policy), each as the new value of one widget;
* the cycle collector's thresholds as ``SomeWizardApp()`` sets them.

``wizard_floor_screen.py`` rebuilds that tree from plain Textual widgets (classes of the
same names, with the same CSS and no code), so the baseline has the same kinds and counts
of widgets, the same texts and layout, but runs none of somewizard's code (sessions,
validation, the document, the checklist) while it is timed. The shape follows the wizard
as it changes, with no list of its widgets kept here.
"""

from __future__ import annotations

import asyncio
import gc
import json
import sys
from pathlib import Path
from typing import Any

from rich.markdown import Markdown
from rich.text import Text
from textual.content import Content
from textual.widget import Widget

from somewizard.app import SomeWizardApp

DEFAULT_GC = gc.get_threshold()

LEAVES = {
    "Static",
    "Label",
    "Input",
    "TextArea",
    "Switch",
    "Select",
    "Button",
    "OptionList",
    "ProgressBar",
    "Header",
    "Footer",
}
"""Textual widgets kept as one leaf: they compose their own parts."""

SKIP = {"ToastRack", "Tooltip"}
"""Textual's per-screen helpers, not part of what the app composes."""


def textual_base(cls: type) -> type:
    """The first of the class's bases (or itself) that is Textual's own."""
    return next(c for c in cls.__mro__ if c.__module__.startswith("textual."))


def visual(content: Any, markup: bool = True) -> dict[str, Any]:
    """What a Static shows, as JSON the baseline can rebuild."""
    if isinstance(content, str):
        return {"text": content, "markup": markup}
    if isinstance(content, Content):
        return {"content": content.markup}
    if isinstance(content, Markdown):
        return {"markdown": content.markup}
    if isinstance(content, Text):
        return {"content": Content.from_rich_text(content).markup}
    return {"text": str(content), "markup": False}


def plain_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def leaf_data(w: Any, base: str) -> dict[str, Any]:
    """The arguments that rebuild this Textual widget showing the same."""
    if base in ("Static", "Label"):
        return {"visual": visual(w.content, w._render_markup)}
    if base == "Input":
        return {
            "value": w.value,
            "placeholder": str(w.placeholder),
            "type": w.type,
            "password": w.password,
            "compact": w.compact,
        }
    if base == "TextArea":
        return {
            "text": w.text,
            "soft_wrap": w.soft_wrap,
            "show_line_numbers": w.show_line_numbers,
            "tab_behavior": w.tab_behavior,
            "read_only": w.read_only,
            "language": w.language,
            "compact": w.compact,
        }
    if base == "Switch":
        return {"value": w.value}
    if base == "Select":
        blank = w._allow_blank
        options = [(str(p), plain_value(v)) for p, v in w._options[1 if blank else 0 :]]
        value = None if w.value == w.NULL else plain_value(w.value)
        return {
            "options": options,
            "value": value,
            "allow_blank": blank,
            "prompt": str(w.prompt),
            "compact": w.compact,
        }
    if base == "Button":
        return {"label": visual(w.label), "variant": w.variant, "compact": w.compact}
    if base == "OptionList":
        return {
            "options": [[visual(o.prompt), o.id, o.disabled] for o in w.options],
            "highlighted": w.highlighted,
            "compact": w.compact,
        }
    if base == "ProgressBar":
        return {
            "total": w.total,
            "progress": w.progress,
            "show_bar": w.show_bar,
            "show_percentage": w.show_percentage,
            "show_eta": w.show_eta,
        }
    if base == "Header":
        return {"show_clock": w._show_clock, "icon": w.icon}
    if base == "Footer":
        return {"compact": w.compact, "show_command_palette": w.show_command_palette}
    raise AssertionError(base)


class Snapshot:
    def __init__(self) -> None:
        self.classes: dict[str, Any] = {}
        self.paths: dict[int, list[int]] = {}
        self.approximated: list[str] = []

    def klass(self, cls: type) -> str:
        """Record a somewizard class: its Textual base and its own CSS, outermost last."""
        base = textual_base(cls)
        if cls is not base and cls.__name__ not in self.classes:
            chain = [c for c in reversed(cls.__mro__) if issubclass(c, base) and c is not base]
            self.classes[cls.__name__] = {
                "base": base.__name__,
                "chain": [
                    {
                        "name": c.__name__,
                        "css": c.__dict__.get("DEFAULT_CSS", ""),
                        "can_focus": c.__dict__.get("can_focus"),
                        "can_focus_children": c.__dict__.get("can_focus_children"),
                    }
                    for c in chain
                ],
            }
        return cls.__name__

    def node(self, w: Widget, path: list[int]) -> dict[str, Any]:
        cls = type(w)
        base = textual_base(cls)
        self.paths[id(w)] = path
        out: dict[str, Any] = {
            "cls": self.klass(cls),
            "base": base.__name__,
            "id": w.id,
            "classes": sorted(w.classes),
            "display": w.display,
            "disabled": w.disabled,
        }
        if base.__name__ in LEAVES:
            out["data"] = leaf_data(w, base.__name__)
        elif w.children or base.__name__ in ("Widget", "ContentSwitcher") or not w.render():
            out["data"] = {"current": w.current} if base.__name__ == "ContentSwitcher" else {}
            out["children"] = self.children(w, path)
        else:  # an unknown widget that draws itself: a Static with its text, noted
            self.approximated.append(f"{cls.__name__} ({base.__name__})")
            out["base"] = "Static"
            out["data"] = {"visual": {"text": str(w.render()), "markup": False}}
        return out

    def children(self, w: Widget, path: list[int]) -> list[dict[str, Any]]:
        kids = [c for c in w.children if textual_base(type(c)).__name__ not in SKIP]
        return [self.node(c, [*path, i]) for i, c in enumerate(kids)]


def screen_shape(app: SomeWizardApp) -> tuple[dict[str, Any], Snapshot]:
    screen = app.screen
    snap = Snapshot()
    tree = snap.children(screen, [])
    css = "\n".join(Path(p).read_text(encoding="utf-8") for p in screen.css_path)
    if screen.CSS:
        css += "\n" + screen.CSS
    focused = app.focused
    while focused is not None and id(focused) not in snap.paths:
        focused = focused.parent  # type: ignore[assignment]
    keys = []
    for _, binding, _enabled, tooltip in screen.active_bindings.values():
        if binding.show:
            keys.append(
                {
                    "key": binding.key,
                    "action": binding.action.split("(")[0],
                    "description": binding.description,
                    "tooltip": tooltip or binding.tooltip,
                    "key_display": binding.key_display,
                }
            )
    shape = {
        "title": app.title,
        "screen": {"cls": type(screen).__name__, "css": css, "classes": sorted(screen.classes)},
        "tree": tree,
        "focus": snap.paths.get(id(focused)) if focused is not None else None,
        "keys": keys,
        "approximated": snap.approximated,
    }
    return shape, snap


def changes(before: list[dict[str, Any]], after: list[dict[str, Any]], path: list[int]) -> list:
    """What differs between two snapshots of the same tree: [path, {what: new value}]."""
    if [n["cls"] for n in before] != [n["cls"] for n in after]:
        raise SystemExit(f"wizard_shape.py: the review changed the widget tree at {path}")
    out: list = []
    for i, (b, a) in enumerate(zip(before, after)):
        here = [*path, i]
        diff = {k: a[k] for k in ("display", "disabled", "classes") if a[k] != b[k]}
        data = {k: v for k, v in a["data"].items() if b["data"].get(k) != v}
        if data:
            diff["data"] = data
        if diff:
            out.append([here, diff])
        out += changes(b.get("children", []), a.get("children", []), here)
    return out


def find(tree: list[dict[str, Any]], path: list[int]) -> dict[str, Any]:
    node = {"children": tree}
    for i in path:
        node = node["children"][i]
    return node


async def settle(app: SomeWizardApp, pilot: Any) -> None:
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause(0.1)


async def take(size: tuple[int, int]) -> dict[str, Any]:
    gc.set_threshold(*DEFAULT_GC)
    app = SomeWizardApp()
    out: dict[str, Any] = {
        "size": list(size),
        "start_language": app.session.language,
        # what SomeWizardApp() set the cycle collector's thresholds to; the baseline sets
        # the same, so that its figures are not Python's default collections
        "gc_threshold": list(gc.get_threshold()),
        "screens": {},
        "classes": {},
    }
    async with app.run_test(headless=True, size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        start = app.session.language
        shape, snap = screen_shape(app)
        out["classes"].update(snap.classes)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        other, snap = screen_shape(app)
        out["classes"].update(snap.classes)
        out["screens"][app.session.language] = other
        await pilot.press("ctrl+l")  # back: a new screen in the start language
        await settle(app, pilot)
        assert app.session.language == start
        await pilot.press("f9")
        await settle(app, pilot)
        review, snap = screen_shape(app)
        out["classes"].update(snap.classes)
        # against the first screen, which the baseline builds
        shape["review"] = changes(shape["tree"], review["tree"], [])
        switchers = [p for p, d in shape["review"] if "current" in d.get("data", {})]
        if len(switchers) != 1:
            raise SystemExit("wizard_shape.py: F9 did not switch one ContentSwitcher")
        current = find(review["tree"], switchers[0])["data"]["current"]
        kids = find(review["tree"], switchers[0])["children"]
        shape["review_pane"] = [
            *switchers[0],
            next(i for i, k in enumerate(kids) if k["id"] == current),
        ]
        out["screens"][start] = shape
    return out


def main() -> int:
    out = Path(sys.argv[1])
    width, height = (int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "120x40").split("x"))
    shape = asyncio.run(take((width, height)))
    out.write_text(json.dumps(shape, ensure_ascii=False), encoding="utf-8")
    for lang, screen in shape["screens"].items():
        for what in screen["approximated"]:
            print(f"wizard_shape.py: {lang}: {what} drawn as a Static", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
