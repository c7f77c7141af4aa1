"""The list readers' fast paths give exactly what their plain definitions give, on any cells (issue 12:
the Python cost of a read, not a single result changed), and the look-up sheet is indexed only as far as
the rows ask."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cmrt
from cmrt.layouts import vocabulary
from cmrt.layouts.vocabulary import DECLARATION_PATTERNS, fold, key_for, searcher
from cmrt.reading import lists
from cmrt.reading.cells import BLANK, clean, is_footer
from cmrt.testing import EXAMPLE_LOOKUP, SmelterRow, build_cmrt

SAMPLES = (
    *("", " ", "  \t", "#N/A", " #REF! ", "0", "Gold", "©", "© 2025 RMI", "All Rights Reserved."),
    *("Smelter not listed", "smelter  NOT listed (*)", "Smelter\u00a0not yet identified", "ALL RIGHTS İ"),
)
TEXTS = st.one_of(st.sampled_from(SAMPLES), st.text(max_size=25))
CELLS = st.one_of(
    st.none(),
    TEXTS,
    st.integers(-3, 3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
ROWS = st.lists(st.lists(CELLS, max_size=8), max_size=140)
COLUMNS = st.lists(st.integers(1, 8), min_size=1, max_size=5, unique=True)
EXAMPLES = settings(max_examples=300, deadline=None)


def _plain_filled_rows(rows: list[list[Any]], first: int, last: int, cols: list[int]) -> list[int]:
    return [
        row
        for row in range(first, last + 1)
        if not all(
            v in BLANK or not str(v).strip()
            for v in (rows[row - 1][c - 1] for c in cols if c <= len(rows[row - 1]))
        )
    ]


@EXAMPLES
@given(rows=ROWS, cols=COLUMNS, first=st.integers(1, 5))
def test_filled_rows_are_the_rows_with_a_cell_that_is_not_blank(
    rows: list[list[Any]], cols: list[int], first: int
) -> None:
    assert list(lists._filled_rows(rows, first, len(rows), cols)) == _plain_filled_rows(
        rows, first, len(rows), cols
    )


@EXAMPLES
@given(rows=ROWS, cols=COLUMNS)
def test_a_row_read_once_per_sheet_is_each_cell_cleaned(rows: list[list[Any]], cols: list[int]) -> None:
    columns = {f"key{c}": c for c in cols}
    read_row = lists._row_reader(columns)
    for raw in rows:  # short rows included: the fallback engines give ragged ones
        assert read_row(raw) == {k: clean(raw[c - 1]) if c <= len(raw) else None for k, c in columns.items()}


@EXAMPLES
@given(text=st.one_of(TEXTS, st.text(alphabet="smelter NOTLISYD()*1\u00a0–:", max_size=30)))
def test_a_special_look_up_value_is_what_folding_says(text: str) -> None:
    folded = fold(text)
    expected = folded if folded in (lists.NOT_LISTED, lists.NOT_YET_IDENTIFIED) else None
    assert lists._special(text) == expected


@EXAMPLES
@given(values=st.lists(st.one_of(st.none(), TEXTS)))
def test_the_footer_is_a_row_with_the_copyright(values: list[str | None]) -> None:
    row = {f"key{i}": v for i, v in enumerate(values)}
    expected = any(v and (v.startswith("©") or "all rights reserved" in v.lower()) for v in values)
    assert is_footer(row) is expected


PATTERNS = [p for name in dir(vocabulary) if name.endswith("_PATTERNS") for _, p in getattr(vocabulary, name)]


@EXAMPLES
@given(
    pattern=st.text(alphabet="ab^$|\\().*?+[]- \n:", max_size=8), texts=st.lists(st.text("ab$^|()\\.- \n:"))
)
def test_a_pattern_searched_without_compiling_finds_what_re_finds(pattern: str, texts: list[str]) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # "possible nested set": re's own concern
            compiled = re.compile(pattern)
    except re.error:
        return
    for text in texts:
        assert bool(searcher(pattern)(text)) is bool(compiled.search(text)), (pattern, text)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_label_pattern_finds_what_re_finds(pattern: str) -> None:
    plain = [text for _, text, _ in vocabulary._plain(pattern) or ()]
    words = ["", "a", "smelter id", "contact email", "contact e-mail", "name of mine", *plain]
    variants = [variant for word in words for variant in (word, "x" + word, word.upper())]
    for text in {variant + tail for variant in variants for tail in ("", "x", "\n", "\n\n")}:
        assert bool(searcher(pattern)(text)) is bool(re.search(pattern, text)), (pattern, text)


def test_most_label_patterns_are_searched_without_compiling() -> None:
    assert len(PATTERNS) > 80 and sum(vocabulary._plain(p) is not None for p in PATTERNS) > 60


@pytest.fixture
def catalogues(monkeypatch: pytest.MonkeyPatch) -> list[lists._Catalogue]:
    """Every look-up catalogue a read makes."""
    made: list[lists._Catalogue] = []
    build = lists._catalogue

    def spy(ctx: Any) -> lists._Catalogue:
        made.append(build(ctx))
        return made[-1]

    monkeypatch.setattr(lists, "_catalogue", spy)
    return made


def test_the_look_up_is_indexed_only_as_far_as_the_rows_need(catalogues: list[lists._Catalogue]) -> None:
    picked = [SmelterRow(metal=row.metal, lookup=row.alias) for row in EXAMPLE_LOOKUP[:2]]
    report = cmrt.read(build_cmrt(smelters=picked))  # calculated: picks checked against the list
    assert [s.smelter_id for s in report.smelters] == [r.smelter_id for r in EXAMPLE_LOOKUP[:2]]
    (catalogue,) = catalogues
    assert catalogue._by_alias is not None and catalogue._by_id is None and catalogue._entries == {}

    catalogues.clear()
    typed = [SmelterRow(smelter_id_input=row.smelter_id) for row in EXAMPLE_LOOKUP[1:3]]
    report = cmrt.read(build_cmrt(smelters=typed, recalculated=False))  # IDs typed, never calculated
    assert [s.name for s in report.smelters] == [r.standard_name for r in EXAMPLE_LOOKUP[1:3]]
    (catalogue,) = catalogues
    assert catalogue._by_id is not None and catalogue._by_alias is None
    assert catalogue.rows >= len(EXAMPLE_LOOKUP) > len(catalogue._entries) == 2  # entries: the rows asked


def test_searchers_made_on_the_fly_are_not_kept_for_ever() -> None:
    for number in range(vocabulary._MAX_SEARCHERS + 10):
        assert searcher(f"^label {number}$")(f"label {number}")
    assert len(vocabulary._SEARCHERS) <= vocabulary._MAX_SEARCHERS
    assert key_for("Company Name (*):", DECLARATION_PATTERNS) == "company_name"  # the templates' still work
