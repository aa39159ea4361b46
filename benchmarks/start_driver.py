"""Start one app headless in this fresh process and report when its first screen is ready.

Usage: python start_driver.py wizard|minimal|replica [WIDTHxHEIGHT]

Prints one JSON line. Both apps are started and measured exactly the same way:
``App.run(headless=True, auto_pilot=...)``; the auto-pilot waits until every widget of the
current screen has processed its pending messages, then until the screen has been laid out
and painted once (``call_after_refresh``), and only then takes the "ready" time and exits.
Times are ``time.perf_counter()`` (CLOCK_MONOTONIC on Linux, shared by all processes), so
the parent's spawn time (``BENCH_SPAWN_T``) can be subtracted to include interpreter start.
"""

import time

T0 = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402


def main() -> int:
    which = sys.argv[1]
    width, height = (int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "120x40").split("x"))
    if which == "wizard":
        from somewizard.app import SomeWizardApp

        app = SomeWizardApp()
    elif which == "minimal":
        from minimal_app import MinimalApp

        app = MinimalApp()
    elif which == "replica":
        from start_replica import ReplicaApp

        app = ReplicaApp()
    else:
        raise SystemExit(f"unknown app {which!r}")
    t_constructed = time.perf_counter()
    result: dict = {}

    async def auto_pilot(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot._wait_for_screen()
        refreshed = asyncio.get_running_loop().create_future()
        app.screen.call_after_refresh(lambda: refreshed.done() or refreshed.set_result(None))
        await refreshed
        t_ready = time.perf_counter()
        screen = app.screen
        result.update(
            t_ready=t_ready,
            screen=type(screen).__name__,
            widgets=sum(1 for _ in screen.walk_children(with_self=False)),
            rss_at_ready_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        )
        app.exit()

    app.run(headless=True, size=(width, height), auto_pilot=auto_pilot)
    t_exit = time.perf_counter()
    if "t_ready" not in result:
        print(json.dumps({"error": "the app exited before its first screen was ready"}))
        return 1
    spawn = float(os.environ.get("BENCH_SPAWN_T", "nan"))
    ms = 1000.0
    print(
        json.dumps(
            {
                "app": which,
                "screen": result["screen"],
                "widgets": result["widgets"],
                "interpreter_ms": (T0 - spawn) * ms,
                "import_ms": (t_constructed - T0) * ms,
                "driver_to_ready_ms": (result["t_ready"] - T0) * ms,
                "spawn_to_ready_ms": (result["t_ready"] - spawn) * ms,
                "shutdown_ms": (t_exit - result["t_ready"]) * ms,
                "rss_at_ready_kb": result["rss_at_ready_kb"],
                "modules": len(sys.modules),
                "docx_loaded": "docx" in sys.modules,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
