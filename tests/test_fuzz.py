"""A fuzz of the YAML loader, ``check`` and ``export`` on generated answers files.

The files are built from pieces that have hurt before: known and misspelt keys, nesting,
anchors and aliases, tags, duplicate keys, merge keys, YAML 1.1 numbers, escapes for
control characters, surrogates and bidi controls, long text. Whatever comes out, the
command either succeeds or says one line naming the file; it never shows a traceback and
never writes anything but the file it was asked for.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from somewizard.cli import main

KEYS = [
    "language", "organisation", "name", "version", "contact", "channels", "review_months",
    "effective_date", "scope", "all_staff", "voice", "hashtags", "roles", "O1", "person",
    "appendix", "history", "date", "presets", "industry", "tone", "wizard", "step",
    "visited", "nmae", "<<", "?", "1", "true",
]  # fmt: skip
SCALARS = [
    "Butik", "''", '""', "~", "null", "yes", "1.10", "0701234567", "+4512345678", "1:20",
    "0x" + "f" * 50, "1" * 5000, "2026-13-45", "2026-01-31", "'#tag'", "'to ord'", '"\\ud800"',
    '"\\0"', '"\\e[2J"', '"\\u202e"', '"\\x85"', "!!binary aGVq", "!!python/object:os.system x",
    "!shout x", "*a", "&a x", "[a, *a]", "{x: *a}", "retail", "health", "da", "en", "fr",
    "12", "0", "999", "true", "'x' 'y'", "|\n  block", ">-\n  folded", "- item", "x" * 3000,
]  # fmt: skip


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        key = draw(st.sampled_from(KEYS))
        if depth < 3 and draw(st.booleans()):
            inner = draw(documents(depth + 1))
            lines.append(f"{key}:")
            lines += ["  " + line for line in inner.splitlines()]
        elif draw(st.booleans()):
            items = draw(st.lists(st.sampled_from(SCALARS), max_size=3))
            lines.append(f"{key}:")
            lines += [f"  - {item}" for item in items]
        else:
            lines.append(f"{key}: {draw(st.sampled_from(SCALARS))}")
    return "\n".join(lines) + "\n"


SKELETON = {
    "organisation": ["version", "contact", "channels", "review_months", "effective_date", "owner"],
    "scope": ["all_staff", "official_channels"],
    "voice": ["hashtags", "description", "examples", "address"],
    "rules": ["confidential", "engagement", "brand_name"],
    "appendix": ["history", "acknowledgement"],
    "presets": ["industry", "tone"],
    "wizard": ["step", "visited"],
}


@st.composite
def skeletons(draw: st.DrawFn) -> str:
    """Files with the answers' own keys in their places, and hostile values in them."""
    values = st.sampled_from(
        [v for v in SCALARS if not v.startswith(("&", "|", ">", "- ", "'x'", "["))]
    )
    lines = [f"language: {draw(st.sampled_from(['da', 'en', 'fr', '~']))}"]
    lines += ["organisation:", f"  name: &a {draw(values)}"]
    for section, keys in SKELETON.items():
        chosen = draw(st.lists(st.sampled_from(keys), max_size=3, unique=True))
        if not chosen:
            continue
        if section != "organisation":
            lines.append(f"{section}:")
        for key in chosen:
            if draw(st.booleans()):
                lines.append(f"  {key}:")
                lines += [f"    - {draw(values)}" for _ in range(draw(st.integers(0, 3)))]
            else:
                lines.append(f"  {key}: {draw(values)}")
    if draw(st.booleans()):
        lines += ["roles:", "  O1:", f"    person: {draw(values)}", f"    contact: {draw(values)}"]
    return "\n".join(lines) + "\n"


def _run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse only
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@settings(
    max_examples=250,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    text=st.one_of(documents(), skeletons()), fmt=st.sampled_from(["md", "html", "yaml", "docx"])
)
def test_generated_files_exit_0_or_one_line(text: str, fmt: str) -> None:
    with tempfile.TemporaryDirectory(prefix="somewizard-fuzz-") as tmp:
        folder = Path(tmp)
        source = folder / "in" / "answers.yaml"
        source.parent.mkdir()
        source.write_text(text, encoding="utf-8")
        out_dir = folder / "out"
        out_dir.mkdir()
        target = out_dir / f"p.{fmt}"
        for args in (
            ["check", str(source)],
            ["export", "--answers", str(source), "-o", str(target)],
        ):
            code, out, err = _run(args)
            assert "Traceback" not in err, err
            assert code in (0, 2), (code, err)
            if code == 2:
                assert err.count("\n") == 1 and err.startswith("somewizard: error: "), err
                assert str(source) in err, err
                assert out == ""
        made = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
        assert made in (
            ["in", "in/answers.yaml", "out"],
            ["in", "in/answers.yaml", "out", f"out/p.{fmt}"],
        ), made
