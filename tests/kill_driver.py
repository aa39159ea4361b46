"""Run by test_crash.py: type into the wizard until killed."""

from __future__ import annotations

import asyncio

from somewizard.app import SomeWizardApp


async def main() -> None:
    app = SomeWizardApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.press(*"Kill ApS")  # the name field has the cursor; typing replaces
        await pilot.press("tab")  # on to the next field, the one being edited when killed
        print("TYPING", flush=True)
        while True:
            await pilot.press("x")
            await asyncio.sleep(0.02)


asyncio.run(main())
