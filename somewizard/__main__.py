"""``python -m somewizard``: the same as the ``somewizard`` command."""

from .cli import run

run()
