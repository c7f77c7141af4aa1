"""Dates as suppliers enter them: Excel date cells, bare serial numbers, and text.

The template asks for DD-MMM-YYYY, but typed text is common ("15-Mar-2020", "2020/03/15",
"15.03.2020", "March 15, 2020", "2020年3月15日"). A numeric date whose day and month could be swapped
("03/04/2020") is read day-first, as the template's own format is, and reported as ambiguous.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january", "janv", "janvier", "januar", "enero", "gennaio", "janeiro", "ocak"),
            (
                "feb",
                "february",
                "févr",
                "fevr",
                "février",
                "februar",
                "febrero",
                "febbraio",
                "fevereiro",
                "şubat",
            ),
            ("mar", "march", "mars", "märz", "marz", "marzo", "março", "mart"),
            ("apr", "april", "avr", "avril", "abril", "aprile", "nisan"),
            ("may", "mai", "mayo", "maggio", "maio", "mayıs"),
            ("jun", "june", "juin", "juni", "junio", "giugno", "junho", "haziran"),
            ("jul", "july", "juil", "juillet", "juli", "julio", "luglio", "julho", "temmuz"),
            ("aug", "august", "août", "aout", "agosto", "ağustos"),
            ("sep", "sept", "september", "septembre", "septiembre", "settembre", "setembro", "eylül"),
            ("oct", "october", "octobre", "oktober", "octubre", "ottobre", "outubro", "ekim"),
            ("nov", "november", "novembre", "noviembre", "novembro", "kasım"),
            (
                "dec",
                "december",
                "décembre",
                "decembre",
                "dezember",
                "diciembre",
                "dicembre",
                "dezembro",
                "aralık",
            ),
        ]
    )
    for m in names
}
_EPOCH_1900 = dt.date(1899, 12, 30)
_EPOCH_1904 = dt.date(1904, 1, 1)


def from_serial(serial: float, date_1904: bool = False) -> dt.date | None:
    """An Excel serial day number as a date, in the workbook's date system.

    >>> from_serial(43905), from_serial(42443, date_1904=True)
    (datetime.date(2020, 3, 15), datetime.date(2020, 3, 15))
    """
    if not 1 <= serial < 2958466:
        return None
    return (_EPOCH_1904 if date_1904 else _EPOCH_1900) + dt.timedelta(days=int(serial))


def parse_date(value: object, date_1904: bool = False) -> tuple[dt.date | None, bool]:
    """``(date, ambiguous)`` for a date cell's value; ``(None, False)`` when it is not a date.

    >>> parse_date("15-Mar-2020")
    (datetime.date(2020, 3, 15), False)
    >>> parse_date("March 15th, 2020")[0], parse_date("2020年3月15日")[0], parse_date("2020-03-15")[0]
    (datetime.date(2020, 3, 15), datetime.date(2020, 3, 15), datetime.date(2020, 3, 15))
    >>> parse_date("03/04/2020")
    (datetime.date(2020, 4, 3), True)
    >>> parse_date("12/31/2020"), parse_date("soon")
    ((datetime.date(2020, 12, 31), False), (None, False))
    """
    if value is None or value == "" or isinstance(value, bool):
        return None, False
    if isinstance(value, dt.datetime):
        return value.date(), False
    if isinstance(value, dt.date):
        return value, False
    if isinstance(value, (int, float)):
        return from_serial(float(value), date_1904), False
    return _parse_text(str(value).strip().lower())


def _parse_text(text: str) -> tuple[dt.date | None, bool]:
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"[年月]", "-", text).replace("日", "")
    numbers = re.findall(r"\d+", text)
    words = [w for w in re.findall(r"[^\W\d_]+", text) if w.rstrip(".") in _MONTHS]
    try:
        if words and len(numbers) == 2:
            month = _MONTHS[words[0].rstrip(".")]
            a, b = (int(n) for n in numbers)
            year, day = (a, b) if a > 31 else (b, a)
            return _date(year, month, day), False
        if len(numbers) == 3 and not words:
            a, b, c = numbers
            if len(a) == 4:  # year first: 2020-03-15, 2020/3/15
                return _date(int(a), int(b), int(c)), False
            day, month, year = int(a), int(b), int(c)
            if year < 100:
                year += 2000
            if month > 12 >= day:  # only month-first fits
                return _date(year, day, month), False
            return _date(year, month, day), day <= 12 and month <= 12 and day != month
    except (ValueError, OverflowError):  # no such day, or numbers too long for any date
        return None, False
    return None, False


def _date(year: int, month: int, day: int) -> dt.date:
    if not 1900 <= year <= 2999:
        raise ValueError(year)
    return dt.date(year, month, day)


def parse_version_date(text: str) -> dt.date | None:
    """The release date printed after a template's version ("April 25, 2025", "August 29th 2012").

    >>> parse_version_date("April 25, 2025"), parse_version_date("July 18th 2011")
    (datetime.date(2025, 4, 25), datetime.date(2011, 7, 18))
    """
    return parse_date(text)[0]


def as_date(value: object, name: str = "date") -> dt.date | None:
    """A date argument as callers give it: a ``date``, a ``datetime`` (its date) or an ISO string
    ("2025-12-31"); ``None`` stays ``None``. Anything else is refused here, at the call, not deep inside.

    >>> as_date("2025-12-31", "as_of")
    datetime.date(2025, 12, 31)
    >>> as_date(20251231, "as_of")
    Traceback (most recent call last):
    ...
    TypeError: as_of must be a date, a datetime or an ISO date string such as '2025-12-31', not int
    """
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            try:
                return dt.datetime.fromisoformat(value.strip()).date()
            except ValueError:
                raise ValueError(f"{name} must be a date such as '2025-12-31', not {value!r}") from None
    raise TypeError(
        f"{name} must be a date, a datetime or an ISO date string such as '2025-12-31', "
        f"not {type(value).__name__}"
    )
