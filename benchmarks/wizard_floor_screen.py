"""A plain-Textual copy of the wizard's screen, rebuilt from ``wizard_shape.py``'s JSON.

Every widget of the real screen becomes the Textual class it derives from, under its own
class name (``StepPane`` a ``VerticalScroll`` named StepPane, ``QuietFooter`` Textual's
``Footer``, ...) with the same ``DEFAULT_CSS`` and no code of its own; with the same id,
CSS classes, display and disabled state, showing the same texts and values. The screen
has the wizard screen's CSS, the same footer keys (bound once per language, as somewizard
binds them) and focuses the widget the wizard focused.

``goto(i)`` switches the ContentSwitcher to pane ``i`` and focuses its first field. For
the review, it applies what the shape says the real review's first showing changed: the
switcher's pane, labels and texts (the checklist), the sidebar's prompts, display and
disabled states, and the preview, given a Rich ``Markdown`` of the policy's source, as
somewizard draws its preview. None of it is computed here.
"""

from __future__ import annotations

import importlib
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher
from textual.widgets.option_list import Option

CONTAINERS = {
    "Widget": "textual.widget",
    "ContentSwitcher": "textual.widgets",
}
"""Where a base class is found when it is not in textual.containers or textual.widgets."""


def textual_class(name: str) -> type[Widget]:
    module = CONTAINERS.get(name)
    if module:
        return getattr(importlib.import_module(module), name)
    containers = importlib.import_module("textual.containers")
    if hasattr(containers, name):
        return getattr(containers, name)
    return getattr(importlib.import_module("textual.widgets"), name)


class Builder:
    def __init__(self, classes: dict[str, Any]) -> None:
        self.classes = classes
        self.made: dict[str, type[Widget]] = {}

    def cls(self, name: str, base: str) -> type[Widget]:
        """The class ``name``: a Textual class, or one of the same name derived from it with
        the same DEFAULT_CSS (and focus flags) and nothing else."""
        if name == base or name not in self.classes:
            return textual_class(base)
        if name not in self.made:
            made = textual_class(self.classes[name]["base"])
            for link in self.classes[name]["chain"]:
                attrs: dict[str, Any] = {"DEFAULT_CSS": link["css"], "__module__": __name__}
                for flag in ("can_focus", "can_focus_children"):
                    if link[flag] is not None:
                        attrs[flag] = link[flag]
                made = type(link["name"], (made,), attrs)
            self.made[name] = made
        return self.made[name]

    def build(self, node: dict[str, Any]) -> Widget:
        cls: Any = self.cls(node["cls"], node["base"])
        base = node["base"]
        data = node.get("data", {})
        common = {"id": node["id"], "classes": " ".join(node["classes"])}
        if base in ("Static", "Label"):
            v = data["visual"]
            widget = cls(visual(v), markup=v.get("markup", True), **common)
        elif base == "Input":
            widget = cls(
                data["value"],
                placeholder=data["placeholder"],
                type=data["type"],
                password=data["password"],
                compact=data["compact"],
                **common,
            )
        elif base == "TextArea":
            widget = cls(
                data["text"],
                soft_wrap=data["soft_wrap"],
                show_line_numbers=data["show_line_numbers"],
                tab_behavior=data["tab_behavior"],
                read_only=data["read_only"],
                language=data["language"],
                compact=data["compact"],
                **common,
            )
        elif base == "Switch":
            widget = cls(value=data["value"], **common)
        elif base == "Select":
            known = data["value"] is not None
            widget = cls(
                [tuple(o) for o in data["options"]],
                value=data["value"] if known else cls.NULL,
                allow_blank=data["allow_blank"],
                prompt=data["prompt"],
                compact=data["compact"],
                **common,
            )
        elif base == "Button":
            widget = cls(
                visual(data["label"]), variant=data["variant"], compact=data["compact"], **common
            )
        elif base == "OptionList":
            widget = cls(*options(data["options"]), compact=data["compact"], **common)
            if data["highlighted"] is not None:
                widget.highlighted = data["highlighted"]
        elif base == "ProgressBar":
            widget = cls(
                total=data["total"],
                show_bar=data["show_bar"],
                show_percentage=data["show_percentage"],
                show_eta=data["show_eta"],
                **common,
            )
            if data["progress"]:
                widget.progress = data["progress"]
        elif base == "Header":
            widget = cls(show_clock=data["show_clock"], icon=data["icon"], **common)
        elif base == "Footer":
            widget = cls(
                compact=data["compact"], show_command_palette=data["show_command_palette"], **common
            )
        elif base == "ContentSwitcher":
            widget = cls(initial=data["current"], **common)
        else:
            widget = cls(**common)
        if not node["display"]:
            widget.display = False
        if node["disabled"]:
            widget.disabled = True
        return widget

    def compose(self, nodes: list[dict[str, Any]]) -> ComposeResult:
        for node in nodes:
            widget = self.build(node)
            if "children" in node:
                with widget:
                    yield from self.compose(node["children"])
            else:
                yield widget


def visual(v: dict[str, Any]) -> Any:
    if "content" in v:
        return Content.from_markup(v["content"])
    if "markdown" in v:
        from rich.markdown import Markdown  # imported when first drawn, as somewizard does

        return Markdown(v["markdown"])
    return v["text"]


def options(rows: list[Any]) -> list[Option]:
    return [Option(visual(prompt), id=oid, disabled=off) for prompt, oid, off in rows]


class FloorWizard(Screen[None]):
    """The copy of the wizard's screen in one language."""

    shapes: dict[str, Any] = {}
    builder: Builder

    def __init__(self, lang: str) -> None:
        self.shape = self.shapes[lang]
        super().__init__(classes=" ".join(self.shape["screen"]["classes"]))
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield from self.builder.compose(self.shape["tree"])

    def at(self, path: list[int]) -> Widget:
        widget: Widget = self
        for i in path:
            widget = [
                c for c in widget.children if type(c).__name__ not in ("ToastRack", "Tooltip")
            ][i]
        return widget

    def on_mount(self) -> None:
        if self.shape["focus"] is not None:
            self.at(self.shape["focus"]).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys of the screen's language are active (and in the footer)."""
        last = parameters[-1] if parameters else None
        return not isinstance(last, str) or not last.startswith("@") or last == "@" + self.lang

    def goto(self, index: int) -> None:
        switcher = self.query_one(ContentSwitcher)
        panes = list(switcher.children)
        index = max(0, min(index, len(panes) - 1))
        review = self.shape.get("review_pane")  # recorded in the start language only
        if review is not None and index == review[-1]:
            self.show_review()
            return
        switcher.current = panes[index].id
        for widget in panes[index].query("Input, TextArea, Switch, Select, Button"):
            if widget.focusable:
                widget.focus()
                break

    def show_review(self) -> None:
        """Make the changes the real review's first showing made, in tree order."""
        for path, change in self.shape["review"]:
            widget: Any = self.at(path)
            data = change.get("data", {})
            if "current" in data:
                widget.current = data["current"]
            if "visual" in data:
                widget.update(visual(data["visual"]))
            if "options" in data:
                new = options(data["options"])
                old = widget.options
                if len(old) == len(new):  # as somewizard's sidebar: changed prompts only
                    for i, option in enumerate(new):
                        if str(old[i].prompt) != str(option.prompt):
                            widget.replace_option_prompt_at_index(i, option.prompt)
                else:
                    widget.clear_options()
                    widget.add_options(new)
            if "highlighted" in data:
                widget.highlighted = data["highlighted"]
            if "progress" in data:
                widget.update(progress=data["progress"])
            if "label" in data:
                widget.label = visual(data["label"])
            if "display" in change:
                widget.display = change["display"]
            if "disabled" in change:
                widget.disabled = change["disabled"]
            if "classes" in change:
                widget.set_classes(" ".join(change["classes"]))
        self.at(self.shape["review_pane"]).scroll_home(animate=False)

    def action_goto(self, index: int) -> None:
        self.goto(index)

    def action_unused(self, _key: int = 0, _lang: str = "") -> None:
        pass


_classes: dict[int, type[FloorWizard]] = {}


def floor_class(shape: dict[str, Any]) -> type[FloorWizard]:
    """One screen class for every language, as somewizard has: the keys bound once per
    language, the language as the action's last parameter, ``check_action`` showing one
    set; the wizard screen's CSS and class name."""
    key = id(shape)
    if key not in _classes:
        screens = shape["screens"]
        first = next(iter(screens.values()))["screen"]
        bindings: list[Binding] = []
        for lang, screen in screens.items():
            for i, k in enumerate(screen["keys"]):
                # one action string per key: Textual's Footer shows an action once
                action = "app.language(" if k["action"] == "language" else f"unused({i}, "
                bindings.append(
                    Binding(
                        k["key"],
                        f"{action}'@{lang}')",
                        k["description"],
                        tooltip=k["tooltip"] or "",
                        key_display=k["key_display"],
                        priority=True,
                    )
                )
        bindings += [Binding(f"f{i + 2}", f"goto({i})", show=False) for i in range(8)]  # F2-F9
        cls: Any = type(
            first["cls"],
            (FloorWizard,),
            {
                "BINDINGS": bindings,
                "CSS": first["css"],
                "__module__": __name__,
            },
        )
        cls.shapes = screens
        cls.builder = Builder(shape["classes"])
        _classes[key] = cls
    return _classes[key]


def floor_screen(shape: dict[str, Any], lang: str) -> FloorWizard:
    """A new copy of the wizard's screen in ``lang``; ``shape`` is the whole shape file."""
    return floor_class(shape)(lang)
