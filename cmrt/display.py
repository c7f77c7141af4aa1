"""How records show themselves to a person: enums as their words, one-line reprs, small HTML tables for
notebooks. A leaf module: it imports nothing from cmrt, so every layer may use it."""

from __future__ import annotations

import contextlib
import enum
import os
import re
import sys
from collections.abc import Iterable, Sequence

__all__ = ["ProgressBar", "ValueEnum", "html_table", "plural", "shorten", "terminal_width", "visible"]


class ValueEnum(str, enum.Enum):
    """An enum that is its text: it compares equal to it, and prints and reprs as it ("Compliant", not
    ``<Status.COMPLIANT: 'Compliant'>``), so dicts and lists of them read as a person expects."""

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return repr(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def visible(text: str, keep_newlines: bool = True) -> str:
    """Text from a supplier file made safe to show or store: control characters (a terminal's escape
    sequences, characters XML and Excel refuse) become U+FFFD; tabs and newlines stay.

    >>> visible("Bell\x07 Co \x1b[31mred")
    'Bell\ufffd Co \ufffd[31mred'
    """
    shown = _CONTROL.sub("\ufffd", text)
    return shown if keep_newlines else shown.replace("\n", " ").replace("\r", " ")


def plural(count: int, word: str, words: str | None = None) -> str:
    """``"1 facility"``, ``"2 facilities"``, ``"0 errors"`` (``words`` where English is irregular).

    >>> plural(1, "facility"), plural(2, "smelter row"), plural(0, "facility"), plural(3, "survey")
    ('1 facility', '2 smelter rows', '0 facilities', '3 surveys')
    """
    if count == 1:
        return f"{count} {word}"
    if words:
        return f"{count} {words}"
    return f"{count} {word[:-1]}ies" if re.search(r"[^aeiou]y$", word) else f"{count} {word}s"


def shorten(text: object, width: int = 40) -> str:
    """``repr`` of a text, cut to ``width`` characters with an ellipsis."""
    shown = str(text)
    return repr(shown if len(shown) <= width else shown[: width - 1] + "…")


def html_table(
    title: str, header: Sequence[str], rows: Iterable[Sequence[object]], *, limit: int = 50, note: str = ""
) -> str:
    """A titled HTML table of at most ``limit`` rows (how many more there are is said), every cell escaped."""
    import html

    out = [f"<div><strong>{html.escape(title)}</strong>"]
    if note:
        out.append(f"<div>{html.escape(note)}</div>")
    out.append("<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr></thead>")
    out.append("<tbody>")
    shown = 0
    more = 0
    for row in rows:
        if shown >= limit:
            more += 1
            continue
        out.append(
            "<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
        )
        shown += 1
    out.append("</tbody></table>")
    if more:
        out.append(f"<div>… and {more} more</div>")
    out.append("</div>")
    return "".join(out)


class ProgressBar:
    """``[#####.....] 12/40 files`` on stderr, redrawn in place: a survey's ``progress`` callback."""

    def __call__(self, done: int, total: int, source: str) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")


def terminal_width(default: int, minimum: int = 1) -> int:
    """``COLUMNS`` if set, else standard output's terminal width, else ``default`` (output to a file or a
    pipe); never below ``minimum``."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return max(int(given), minimum)
    with contextlib.suppress(OSError, ValueError):
        if sys.stdout.isatty():
            return max(os.get_terminal_size(sys.stdout.fileno()).columns, minimum)
    return default
