"""The one CSV cell formatter every writer uses (public API, ``export_csv``, the admin).

A spreadsheet evaluates a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula, so a curator's title ``=HYPERLINK(…)`` would run in the
reader's spreadsheet. As OWASP recommends, such a cell is written with a leading single
quote, which spreadsheets show as text. A value that itself starts with a quote gets one
more, so the reversal (``csv_uncell``: drop one leading quote) is unambiguous and an export
imports back byte for byte, ``-5`` and ``'quoted`` included.
"""

from __future__ import annotations

import datetime

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
LIST_SEPARATOR = "; "
# Excel reads a file as UTF-8 only when it starts with a byte-order mark.
BOM = "\ufeff"


def csv_text(value, *, separator: str = LIST_SEPARATOR) -> str:
    """Format a value as the text of a cell (lists joined, booleans true/false, ISO dates)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return separator.join(csv_text(item, separator=separator) for item in value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value)


def neutralise(text: str) -> str:
    """Prefix a quote to text a spreadsheet would evaluate, and to text starting with one."""
    if text.startswith(FORMULA_STARTS) or text.startswith(ESCAPE):
        return ESCAPE + text
    return text


def csv_cell(value, *, separator: str = LIST_SEPARATOR) -> str:
    """Format a value for a CSV cell, safe to open in a spreadsheet."""
    return neutralise(csv_text(value, separator=separator))


def csv_uncell(text: str) -> str:
    """Reverse ``csv_cell``'s escape: drop one leading quote."""
    return text[1:] if text.startswith(ESCAPE) else text
