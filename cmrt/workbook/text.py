"""Text reference files (CSV lists, CAHRA JSON) read within limits, every failure a named error.

Users export RMI lists from Excel in whatever encoding it offers: UTF-8 with or without a byte-order
mark, Windows-1252, or "Unicode text" (UTF-16 with a BOM, tab-separated). All of these are read; bytes
that fit none (a binary file) give :class:`~cmrt.ReferenceFormatError`, as do a field longer than any
list has, a file of more rows than any list has, and JSON nested too deeply or with absurd numbers.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from cmrt.errors import ReferenceFormatError

MAX_TEXT_BYTES = 32 * 1024 * 1024
"""Largest text reference file. RMI's lists are under 1 MB; the CAHRA list under 100 kB."""
MAX_TABLE_ROWS = 100_000
"""Most rows read from one reference table. RMI's look-up has about 1,300; its lists fewer."""
MAX_FIELD_CHARS = 32_768
"""Longest CSV field (Excel's own cell limit)."""


def decode(data: bytes, name: str) -> str:
    """The text of a reference file: UTF-16 (by its BOM), UTF-8, or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReferenceFormatError(f"{name}: damaged UTF-16 text ({exc.reason})") from exc
    if b"\0" in data[:4096]:
        raise ReferenceFormatError(f"{name} is a binary file, not a text (CSV or JSON) list")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte is a character: a list with a few odd bytes still reads


def csv_rows(text: str, name: str, *, max_rows: int = MAX_TABLE_ROWS) -> list[list[str]]:
    """The rows of a CSV text (comma, semicolon or tab separated, as Excel exports in each locale)."""
    header = next((line for line in text[:65536].splitlines() if line.strip()), "")
    delimiter = next((d for d in (",", ";", "\t") if d in header), ",")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if len(rows) >= max_rows:
                raise ReferenceFormatError(
                    f"{name} has more than {max_rows:,} rows; no reference list is that long"
                )
            if any(len(field) > MAX_FIELD_CHARS for field in row):
                raise ReferenceFormatError(
                    f"{name}, line {reader.line_num}: a field longer than {MAX_FIELD_CHARS:,} characters"
                )
            rows.append(row)
    except csv.Error as exc:  # a field past csv's own limit, a NUL, an unterminated quote at the end
        raise ReferenceFormatError(f"{name}, line {reader.line_num}: not readable as CSV ({exc})") from exc
    return rows


def load_json(text: str, name: str) -> Any:
    """Parsed JSON, or :class:`~cmrt.ReferenceFormatError` saying what is wrong with it."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReferenceFormatError(f"{name}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    except RecursionError as exc:
        raise ReferenceFormatError(f"{name}: JSON nested too deeply") from exc
    except ValueError as exc:  # an integer of more digits than Python converts
        raise ReferenceFormatError(f"{name}: unusable JSON ({exc})") from exc
