"""The policy's Markdown as Rich draws it in the review, with tables that never cut a word.

Rich shares a table's width out among its columns and cuts what does not fit with "…":
in a preview 54 columns wide the roles table showed "mette.bo…" for an e-mail address.
A table whose longest words fit is drawn as Rich draws it; any other is drawn as a block
per row: the first cell as a heading, then each other cell under its column's name. The
words are the same as in the exported Markdown, only laid out to fit.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.markdown import Markdown, MarkdownElement, TableElement, TableRowElement
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text


class FittingTable(TableElement):
    """A Markdown table: columns at least as wide as their longest word, else a block per row."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        drawn = list(super().__rich_console__(console, options))
        table = drawn[0] if len(drawn) == 1 else None
        if isinstance(table, Table) and self._fit(table, console, options):
            yield table
        else:
            yield Group(*self._blocks(console))

    def _fit(self, table: Table, console: Console, options: ConsoleOptions) -> bool:
        """Give each column its longest word, share out the rest; False when that is too wide.

        Rich shrinks the widest column first, below its longest word, and cuts that word.
        """
        wide = options.update_width(10_000)
        cells = [[c.content for c in row.cells] for row in self._rows()]
        mins = [0] * len(table.columns)
        maxs = [0] * len(table.columns)
        for row in cells:
            for i, text in enumerate(row[: len(mins)]):
                measured = Measurement.get(console, wide, text)
                mins[i] = max(mins[i], measured.minimum)
                maxs[i] = max(maxs[i], measured.maximum)
        for column, width in zip(table.columns, mins, strict=True):
            column.width = max(width, 1)
        spare = options.max_width - Measurement.get(console, wide, table).maximum
        if spare < 0:
            return False
        grow = [high - low for low, high in zip(mins, maxs, strict=True)]
        total = sum(grow)
        for column, low, more in zip(table.columns, mins, grow, strict=True):
            column.width = max(low + (more if total <= spare else more * spare // total), 1)
        return True

    def _rows(self) -> list[TableRowElement]:
        """The header row, then the body's rows."""
        head = [self.header.row] if self.header and self.header.row else []
        return head + (self.body.rows if self.body else [])

    def _blocks(self, console: Console) -> list[RenderableType]:
        """Each row: its first cell in bold, then ``column: cell`` lines, indented.

        The column names take Rich's Markdown table-header style where the installed Rich
        has one (15 and later) and the plain table header's style before that.
        """
        name_style = console.get_style(
            "markdown.table.header", default=console.get_style("table.header")
        )
        names = (
            [c.content for c in self.header.row.cells] if self.header and self.header.row else []
        )
        out: list[RenderableType] = []
        for row in self.body.rows if self.body else []:
            cells = [c.content for c in row.cells]
            if not cells:
                continue
            heading = cells[0].copy()
            heading.stylize("bold")
            out.append(heading)
            pairs = Table.grid(padding=(0, 1))
            pairs.add_column(style=name_style, no_wrap=True)
            pairs.add_column(overflow="fold")
            for name, cell in zip(names[1:], cells[1:], strict=False):
                pairs.add_row(Text.assemble(name.plain, ":"), cell)
            out.append(Padding(pairs, (0, 0, 0, 2)))
        return out


class PolicyMarkdown(Markdown):
    """Rich's Markdown with tables that fit the width (see :class:`FittingTable`)."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "table_open": FittingTable,
    }
