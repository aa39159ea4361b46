#!/usr/bin/env python3
"""somewizard's performance benchmarks: start-up, export, step changes and memory.

Run it with the interpreter the project is installed in (standard library only, plus what
the project itself installs)::

    python benchmarks/run.py                 # 7 runs; about 3 minutes on 2 cores
    python benchmarks/run.py --runs 3 --json bench.json
    python benchmarks/run.py --runs 15 --only enter,language,review

Every figure is measured against a baseline in the same run, and judged as a ratio, so
that a slower or faster machine does not change the verdict much:

=======  ==============================================  ================================
what     somewizard                                      baseline
=======  ==============================================  ================================
start    ``SomeWizardApp()`` until its start screen is   a Textual app with Header,
         painted, from process spawn                     Static, Footer (minimal_app.py)
export   ``somewizard export --industry retail --tone    a script writing a one-paragraph
         professional -o out.docx --force``, whole run   .docx with python-docx
step     ``WizardScreen.goto`` until the new step is     none (nav_floor.py shows a plain
         painted: p95 over 100 changes, target 16 ms     Textual app's step change)
memory   peak RSS of the start-up process                the minimal app's
enter    ctrl+n on the start screen until the wizard     a plain Textual app pushing a
         is idle (first field focused, painted)          copy of the wizard's screen
language ctrl+l in the wizard until the rebuilt screen   that app replacing its copy with
         is idle                                         a new one in the other language
review   F9, the first showing of the review (builds     that app switching its copy to
         the policy and its Markdown preview)            the review pane: the same texts,
                                                         a Rich Markdown of the same text
=======  ==============================================  ================================

The last three (``screens_driver.py``) are one key each, the first of its kind in a fresh
process, judged on the median over the runs (the p95 is reported too). Their baseline
(``wizard_floor.py``, ``wizard_floor_screen.py``) is a copy of the wizard's screen in plain
Textual classes, rebuilt from the shape that ``wizard_shape.py`` takes beforehand from the
real screen (composed from the step specs, ``somewizard.ui.steps()``, and a fresh
session): the same kinds and counts of widgets, texts and CSS, but none of somewizard's
code runs in it. Each run checks that the baseline did not import somewizard and warns
when the two screens' widget counts differ.

Rows marked as information have no target: ``start_replica.py`` (the former start
screen's Selects and Buttons in a plain Textual app), python-docx writing 200 paragraphs, and ``nav_floor.py``
show how much of each figure Textual or python-docx cost by themselves.

Each sample is a fresh process (start: ``start_driver.py``; export: the CLI entry point;
steps: ``nav_driver.py``; screen changes: ``screens_driver.py``), its peak RSS read with
``os.wait4``. Start, export and screen-change runs of
somewizard and its baseline alternate, so that drift hits both. The user data and config
folders point at empty temporary folders, so no draft and no own presets exist.

Bytecode: the children run with ``PYTHONPYCACHEPREFIX`` set to a temporary folder (and
without ``PYTHONDONTWRITEBYTECODE``), and the warm-up runs fill it; so every measured
start loads compiled bytecode, as an installed package does, even from an editable install
or where the environment forbids writing ``__pycache__``. ``--inherit-bytecode-env`` keeps
the caller's settings instead.

Unix only (``os.wait4`` and ``resource``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

TARGETS = {
    "start": 1.15,  # wizard start <= 1.15 x the minimal app
    "export": 1.30,  # somewizard export <= 1.3 x the python-docx script
    "step_p95_ms": 16.0,  # one step change, p95
    "step_vs_floor": 0.80,  # step change p95 <= 0.8 x the plain-Textual step change's p95
    "memory": 1.15,  # peak RSS of the start <= 1.15 x the minimal app's
    "enter": 1.20,  # start screen -> wizard idle <= 1.2 x the plain Textual push
    "language": 1.20,  # ctrl+l -> rebuilt wizard idle <= 1.2 x a plain screen switch
    "review": 1.20,  # first review shown <= 1.2 x a plain pane with a Markdown Static
}

SCREEN_ROWS = ("enter", "language", "review")
"""The one-key screen changes of screens_driver.py, in the order they run."""

KINDS = ("start", "export", "nav", *SCREEN_ROWS)
ALIASES = {"screens": SCREEN_ROWS, "all": KINDS}

EXPORT_ARGS = [
    "export",
    "--industry",
    "retail",
    "--tone",
    "professional",
    "-o",
    "out.docx",
    "--force",
    # The row measures building and writing the .docx against python-docx writing one.
    # The page count of the contents (on by default where LibreOffice is installed) is
    # LibreOffice laying the document out, about two seconds of another program.
    "--no-page-numbers",
]


def cli_entry() -> str:
    """Python code doing what the installed ``somewizard`` console script does."""
    from importlib.metadata import entry_points

    found = entry_points(group="console_scripts", name="somewizard")
    value = next(iter(found)).value if found else "somewizard.cli:run"
    module, _, attr = value.partition(":")
    return f"import sys; from {module} import {attr}; sys.exit({attr}())"


# --- running children ------------------------------------------------------------------


class ChildFailed(RuntimeError):
    pass


def maxrss_kib(ru_maxrss: int) -> float:
    """ru_maxrss in KiB (Linux reports KiB, macOS bytes)."""
    return ru_maxrss / 1024 if sys.platform == "darwin" else float(ru_maxrss)


def run_child(cmd: Sequence[str], env: dict[str, str], cwd: Path, timeout: float = 600) -> dict:
    """Run one process to its end: wall time from spawn, peak RSS, exit code and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        env = dict(env)
        env["BENCH_SPAWN_T"] = repr(time.perf_counter())
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd
        )
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise ChildFailed(f"{' '.join(cmd)} exited {proc.returncode}\n{stderr[-3000:]}")
    return {
        "wall_ms": wall * 1000,
        "maxrss_kib": maxrss_kib(usage.ru_maxrss),
        "stdout": stdout,
        "stderr": stderr,
    }


def last_json(stdout: str) -> dict:
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise ChildFailed(f"no JSON result in output:\n{stdout[-2000:]}")


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.py = sys.executable
        self.tmp = Path(tempfile.mkdtemp(prefix="somewizard-bench-"))
        self.base_env = dict(os.environ)
        if not args.inherit_bytecode_env:
            self.base_env.pop("PYTHONDONTWRITEBYTECODE", None)
            self.base_env["PYTHONPYCACHEPREFIX"] = str(self.tmp / "pycache")
        self.base_env.pop("TEXTUAL", None)  # no devtools / debug features
        self.base_env.pop("TEXTUAL_PRESS", None)
        self.base_env.pop("TEXTUAL_SCREENSHOT", None)
        self._n = 0
        self.cli_entry = cli_entry()

    def fresh_env(self) -> tuple[dict[str, str], Path]:
        """An environment with empty data and config folders, and a work folder."""
        self._n += 1
        work = self.tmp / f"run{self._n}"
        (work / "data").mkdir(parents=True)
        (work / "config").mkdir()
        env = dict(
            self.base_env,
            SOMEWIZARD_DATA_DIR=str(work / "data"),
            SOMEWIZARD_CONFIG_DIR=str(work / "config"),
        )
        return env, work

    def cleanup(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    # --- one sample of each kind -------------------------------------------------------

    def start(self, which: str) -> dict:
        env, work = self.fresh_env()
        r = run_child([self.py, str(HERE / "start_driver.py"), which, self.args.size], env, work)
        data = last_json(r["stdout"])
        if "error" in data:
            raise ChildFailed(data["error"])
        data.update(wall_ms=r["wall_ms"], maxrss_kib=r["maxrss_kib"])
        return data

    def export(self, which: str) -> dict:
        env, work = self.fresh_env()
        if which == "somewizard":
            cmd = [self.py, "-c", self.cli_entry, *EXPORT_ARGS]
        elif which == "python-docx":
            cmd = [self.py, str(HERE / "docx_minimal.py"), "out.docx"]
        else:
            cmd = [self.py, str(HERE / "docx_minimal.py"), "out.docx", "200"]
        r = run_child(cmd, env, work)
        out = work / "out.docx"
        if not out.is_file() or out.stat().st_size == 0:
            raise ChildFailed(f"{which}: no out.docx written")
        return {"wall_ms": r["wall_ms"], "maxrss_kib": r["maxrss_kib"], "bytes": out.stat().st_size}

    def shape(self, row: str) -> Path:
        """The wizard's shape for the plain-Textual baseline (wizard_shape.py), made once
        per row, so that a wizard edited while the benchmark runs is copied again."""
        path = self.tmp / f"wizard-shape-{row}.json"
        if not path.is_file():
            env, work = self.fresh_env()
            run_child(
                [self.py, str(HERE / "wizard_shape.py"), str(path), self.args.size], env, work
            )
        return path

    def screen(self, which: str, row: str) -> dict:
        env, work = self.fresh_env()
        env["BENCH_WIZARD_SHAPE"] = str(self.shape(row))
        r = run_child(
            [self.py, str(HERE / "screens_driver.py"), which, row, self.args.size], env, work
        )
        data = last_json(r["stdout"])
        if which == "floor" and data.get("somewizard_loaded"):
            raise ChildFailed(f"{row}: the plain-Textual baseline imported somewizard")
        data.update(wall_ms=r["wall_ms"], maxrss_kib=r["maxrss_kib"])
        return data

    def nav(self, script: str) -> dict:
        env, work = self.fresh_env()
        r = run_child(
            [self.py, str(HERE / script), str(self.args.transitions), self.args.size], env, work
        )
        return last_json(r["stdout"])


# --- statistics ------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def med(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: Sequence[float]) -> str:
    """min-max as a percentage of the median: how stable the figure was."""
    if len(values) < 2:
        return ""
    m = med(values)
    return f"±{(max(values) - min(values)) / 2 / m * 100:.0f}%" if m else ""


# --- the report ------------------------------------------------------------------------


def compared(ours: list[float], base: list[float], base_spread: bool = True) -> dict[str, Any]:
    """Medians of two sets of samples and their ratio."""
    return {
        "somewizard": med(ours),
        "baseline": med(base),
        "ratio": med(ours) / med(base),
        "spread": [spread(ours), spread(base) if base_spread else ""],
    }


def compared_p95(ours: list[float], base: list[float]) -> dict[str, Any]:
    """Medians and p95s of two sets of samples, and the ratio of each."""
    out = compared(ours, base)
    out.update(
        p95_somewizard=percentile(ours, 95),
        p95_baseline=percentile(base, 95),
        p95_ratio=percentile(ours, 95) / percentile(base, 95),
    )
    return out


def percentiles(runs: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """p50 and p95 of each run's samples, as medians over the runs."""
    p50 = [percentile(r[key], 50) for r in runs]
    p95 = [percentile(r[key], 95) for r in runs]
    return {"p50": med(p50), "p95": med(p95), "spread": [spread(p50), spread(p95)]}


def summarise(raw: dict[str, Any]) -> dict[str, Any]:
    s: dict[str, Any] = {}
    for kind, keys, ours, base, extra, extra_name in (
        (
            "start",
            ("spawn_to_ready_ms", "driver_to_ready_ms", "import_ms", "wall_ms", "maxrss_kib"),
            "wizard",
            "minimal",
            "replica",
            "replica",
        ),
        (
            "export",
            ("wall_ms", "maxrss_kib"),
            "somewizard",
            "python-docx",
            "python-docx-200",
            "docx200",
        ),
    ):
        runs = raw.get(kind)
        if not runs:
            continue
        for key in keys:
            m = [x[key] for x in runs[base]]
            s[f"{kind}.{key}"] = compared([x[key] for x in runs[ours]], m)
            e = [x[key] for x in runs.get(extra, [])]
            if e:
                s[f"{extra_name}.{key}"] = compared(e, m, base_spread=False)
    for row in SCREEN_ROWS:
        runs = raw.get(row)
        if not runs or not runs["wizard"] or not runs["floor"]:
            continue
        for key in ("idle_ms", "shown_ms", "cpu_ms", "gc_ms"):
            s[f"{row}.{key}"] = compared_p95(
                [x[key] for x in runs["wizard"]], [x[key] for x in runs["floor"]]
            )
        ours, base = runs["wizard"][0]["widgets"], runs["floor"][0]["widgets"]
        s[f"{row}.widgets_differ"] = {
            k: [ours.get(k, 0), base.get(k, 0)]
            for k in sorted(set(ours) | set(base))
            if ours.get(k, 0) != base.get(k, 0)
        }
    nav = raw.get("nav")
    if nav:
        for key in (
            "goto_wall_ms",
            "goto_settled_ms",
            "goto_cpu_ms",
            "key_wall_ms",
            "key_settled_ms",
        ):
            s[f"step.{key}"] = percentiles(nav["wizard"], key)
        by_step: dict[str, list[float]] = {}
        for r in nav["wizard"]:
            for k, v in zip(r["goto_keys"], r["goto_wall_ms"]):
                by_step.setdefault(k, []).append(v)
        s["step.goto_wall_ms.by_step_p50"] = {k: med(v) for k, v in by_step.items()}
        s["step.first_visit_ms"] = [
            med(col) for col in zip(*[r["first_visit_ms"] for r in nav["wizard"]])
        ]
        if nav.get("floor"):
            for key in ("goto_wall_ms", "goto_settled_ms", "goto_cpu_ms", "text_wall_ms"):
                s[f"floor.{key}"] = percentiles(nav["floor"], key)
    return s


def verdicts(s: dict[str, Any]) -> list[dict[str, Any]]:
    """PASS or FAIL for each target whose figure was measured."""
    figures = []
    for target, key, field in (
        ("start", "start.spawn_to_ready_ms", "ratio"),
        ("export", "export.wall_ms", "ratio"),
        ("step_p95_ms", "step.goto_wall_ms", "p95"),
        ("memory", "start.maxrss_kib", "ratio"),
        ("enter", "enter.idle_ms", "ratio"),
        ("language", "language.idle_ms", "ratio"),
        ("review", "review.idle_ms", "ratio"),
    ):
        if key in s:
            figures.append((target, s[key][field]))
    if "step.goto_wall_ms" in s and "floor.goto_wall_ms" in s:
        # the step change's p95 against the plain-Textual step change's, same run
        ratio = s["step.goto_wall_ms"]["p95"] / s["floor.goto_wall_ms"]["p95"]
        figures.append(("step_vs_floor", ratio))
    return [
        {
            "target": target,
            "value": value,
            "limit": TARGETS[target],
            "result": "PASS" if value <= TARGETS[target] else "FAIL",
        }
        for target, value in figures
    ]


def print_report(s: dict[str, Any], rows: list[dict[str, Any]], meta: dict[str, Any]) -> None:
    print()
    print(
        f"somewizard benchmarks: {meta['runs']} runs (medians), {meta['nav_runs']} step runs "
        f"of {meta['transitions']} changes, {meta['cpus']} CPUs, Python {meta['python']}, "
        f"Textual {meta['textual']}, terminal {meta['size']}"
    )
    print()
    head = f"{'measure':<34} {'somewizard':>12} {'baseline':>12} {'ratio':>7} {'target':>9}  result"
    print(head)
    print("-" * len(head))
    by_target = {r["target"]: r for r in rows}

    def line(name: str, key: str, unit: str, target: str | None = None, scale: float = 1) -> None:
        if key not in s:
            return
        v = s[key]
        t = by_target.get(target or "")
        tgt = f"<= {t['limit']:.2f}x" if t else ""
        res = t["result"] if t else ""
        sp = " ".join(x for x in v["spread"] if x)
        print(
            f"{name:<34} {v['somewizard'] / scale:>10.1f}{unit} {v['baseline'] / scale:>10.1f}"
            f"{unit} {v['ratio']:>6.2f}x {tgt:>9}  {res}  {sp}"
        )

    line("start: spawn -> first screen", "start.spawn_to_ready_ms", "ms", "start")
    line("  of which imports", "start.import_ms", "ms")
    line("  whole process (wall)", "start.wall_ms", "ms")
    line("  former start screen, plain Textual", "replica.spawn_to_ready_ms", "ms")
    line("export: whole process (wall)", "export.wall_ms", "ms", "export")
    line("  python-docx, 200 paragraphs", "docx200.wall_ms", "ms")
    line("memory: peak RSS of the start", "start.maxrss_kib", "MB", "memory", scale=1024)
    line("  former start screen, plain Textual", "replica.maxrss_kib", "MB", scale=1024)
    line("  peak RSS of the export", "export.maxrss_kib", "MB", scale=1024)
    for key, name, target in (
        ("step.goto_wall_ms", "step: goto -> new step painted", True),
        ("step.goto_settled_ms", "  goto -> nothing pending", False),
        ("step.goto_cpu_ms", "  goto -> nothing pending (CPU)", False),
        ("step.key_wall_ms", "  key event -> new step painted", False),
        ("step.key_settled_ms", "  key event -> nothing pending", False),
        ("floor.goto_wall_ms", "  plain Textual: painted", False),
        ("floor.goto_settled_ms", "  plain Textual: nothing pending", False),
        ("floor.text_wall_ms", "  plain Textual: new screen of text", False),
    ):
        if key not in s:
            continue
        v = s[key]
        t = by_target.get("step_p95_ms") if target else None
        p = f"p50 {v['p50']:.1f}ms  p95 {v['p95']:.1f}ms"
        res = f"{'p95 <= 16ms':>9}  {t['result']}" if t else ""
        sp = " ".join(x for x in v["spread"] if x)
        print(f"{name:<34} {p:>33} {res}  {sp}")
    if t := by_target.get("step_vs_floor"):
        ratio = f"{t['value']:.2f}x"
        print(
            f"{'  step p95 / plain Textual step p95':<34} {ratio:>33} "
            f"{'<= ' + format(t['limit'], '.2f') + 'x':>11}  {t['result']}"
        )
    if "step.goto_wall_ms.by_step_p50" in s:
        steps = ", ".join(f"{k} {v:.0f}" for k, v in s["step.goto_wall_ms.by_step_p50"].items())
        print(f"  p50 by step arrived at (ms): {steps}")

    def p95_line(name: str, key: str) -> None:
        v = s[key]
        print(
            f"{name:<34} {v['p95_somewizard']:>10.1f}ms {v['p95_baseline']:>10.1f}ms "
            f"{v['p95_ratio']:>6.2f}x"
        )

    for row, name in (
        ("enter", "enter: ctrl+n -> wizard idle"),
        ("language", "language: ctrl+l -> rebuilt, idle"),
        ("review", "review: F9 -> first review idle"),
    ):
        if f"{row}.idle_ms" not in s:
            continue
        line(name, f"{row}.idle_ms", "ms", row)
        p95_line("  p95", f"{row}.idle_ms")
        line("  key -> first frame shown", f"{row}.shown_ms", "ms")
        line("  CPU of the main thread", f"{row}.cpu_ms", "ms")
        line("  in the cycle collector", f"{row}.gc_ms", "ms")
        differ = s.get(f"{row}.widgets_differ")
        if differ:
            text = ", ".join(f"{k} {a} vs {b}" for k, (a, b) in differ.items())
            print(f"  WARNING: the baseline's widgets differ (somewizard vs baseline): {text}")
    print()
    failed = [r["target"] for r in rows if r["result"] == "FAIL"]
    print("All targets pass." if not failed else f"Failing targets: {', '.join(failed)}")
    print("(± is half the min-max range of the per-run figures, as a share of the median.)")


# --- main ------------------------------------------------------------------------------


def versions() -> dict[str, str]:
    out = {}
    for name in ("textual", "python-docx"):
        try:
            from importlib.metadata import version

            out[name] = version(name)
        except Exception:  # noqa: BLE001 - only for the report
            out[name] = "?"
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--runs", type=int, default=7, help="measured runs of start and export (default 7)"
    )
    p.add_argument(
        "--nav-runs",
        type=int,
        default=3,
        help="measured runs of the step "
        "benchmark, each a fresh process of --transitions changes (default 3)",
    )
    p.add_argument(
        "--transitions", type=int, default=100, help="step changes per step run (default 100)"
    )
    p.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="unmeasured runs of each first (default 1; they also fill the bytecode cache)",
    )
    p.add_argument("--size", default="120x40", help="headless terminal size (default 120x40)")
    p.add_argument(
        "--only",
        default=",".join(KINDS),
        help=f"comma-separated subset of {','.join(KINDS)} (default all; 'screens' is "
        f"{','.join(SCREEN_ROWS)})",
    )
    p.add_argument("--no-floor", action="store_true", help="skip the plain-Textual step floor")
    p.add_argument(
        "--inherit-bytecode-env",
        action="store_true",
        help="keep the caller's PYTHONDONTWRITEBYTECODE / PYTHONPYCACHEPREFIX",
    )
    p.add_argument(
        "--json", type=Path, metavar="FILE", help="also write every sample and the summary as JSON"
    )
    args = p.parse_args(argv)
    only: set[str] = set()
    for name in (x.strip() for x in args.only.split(",") if x.strip()):
        only.update(ALIASES.get(name, (name,)))
    if only - set(KINDS):
        p.error(
            f"--only: unknown {', '.join(sorted(only - set(KINDS)))}; one of {', '.join(KINDS)}"
        )

    try:
        import textual  # noqa: F401

        import somewizard  # noqa: F401
    except ImportError as exc:
        print(
            f"run.py: {exc}; run it with the interpreter somewizard is installed in "
            "(e.g. .venv/bin/python benchmarks/run.py)",
            file=sys.stderr,
        )
        return 2

    bench = Bench(args)
    raw: dict[str, Any] = {}
    meta = {
        "runs": args.runs,
        "nav_runs": args.nav_runs,
        "transitions": args.transitions,
        "warmup": args.warmup,
        "size": args.size,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        **versions(),
        "bytecode": "inherited" if args.inherit_bytecode_env else "PYTHONPYCACHEPREFIX (temp)",
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    t_all = time.perf_counter()
    try:
        if "start" in only:
            raw["start"] = {"wizard": [], "minimal": [], "replica": []}
            for i in range(args.warmup + args.runs):
                order = (
                    ("wizard", "minimal", "replica")
                    if i % 2 == 0
                    else ("replica", "minimal", "wizard")
                )
                for which in order:
                    sample = bench.start(which)
                    if i >= args.warmup:
                        raw["start"][which].append(sample)
                print(
                    f"start {i + 1}/{args.warmup + args.runs}"
                    f"{' (warm-up)' if i < args.warmup else ''}",
                    file=sys.stderr,
                )
        if "export" in only:
            raw["export"] = {"somewizard": [], "python-docx": [], "python-docx-200": []}
            for i in range(args.warmup + args.runs):
                order = (
                    ("somewizard", "python-docx", "python-docx-200")
                    if i % 2 == 0
                    else ("python-docx-200", "python-docx", "somewizard")
                )
                for which in order:
                    sample = bench.export(which)
                    if i >= args.warmup:
                        raw["export"][which].append(sample)
                print(
                    f"export {i + 1}/{args.warmup + args.runs}"
                    f"{' (warm-up)' if i < args.warmup else ''}",
                    file=sys.stderr,
                )
        if "nav" in only:
            raw["nav"] = {"wizard": [], "floor": []}
            for i in range(args.nav_runs):
                raw["nav"]["wizard"].append(bench.nav("nav_driver.py"))
                if not args.no_floor:
                    raw["nav"]["floor"].append(bench.nav("nav_floor.py"))
                print(f"steps {i + 1}/{args.nav_runs}", file=sys.stderr)
        for row in SCREEN_ROWS:
            if row not in only:
                continue
            raw[row] = {"wizard": [], "floor": []}
            for i in range(args.warmup + args.runs):
                for which in ("wizard", "floor") if i % 2 == 0 else ("floor", "wizard"):
                    sample = bench.screen(which, row)
                    if i >= args.warmup:
                        raw[row][which].append(sample)
                print(
                    f"{row} {i + 1}/{args.warmup + args.runs}"
                    f"{' (warm-up)' if i < args.warmup else ''}",
                    file=sys.stderr,
                )
    except ChildFailed as exc:
        print(f"run.py: a benchmark process failed: {exc}", file=sys.stderr)
        bench.cleanup()
        return 1
    bench.cleanup()
    meta["seconds"] = round(time.perf_counter() - t_all, 1)

    summary = summarise(raw)
    rows = verdicts(summary)
    print_report(summary, rows, meta)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "meta": meta,
                    "targets": TARGETS,
                    "verdicts": rows,
                    "summary": summary,
                    "samples": raw,
                },
                indent=1,
            ),
            encoding="utf-8",
        )
        print(f"Wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
