"""The HTML report: parsed as a browser would, and checked for what a compliance manager reads in it."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

import cmrt
from cmrt.classification import ATTENTION_TITLES, list_label
from cmrt.deliverables import follow_up
from cmrt.deliverables.report_html import CHARTS_NOTE, survey_html
from cmrt.testing import SmelterRow, build_cmrt

EXAMPLE = cmrt.example_survey_path()
REFERENCE = sorted((EXAMPLE / "reference").iterdir())
HOSTILE = "<script>alert(1)</script>"


class Page(HTMLParser):
    """What a browser would see: every tag and its attributes, the text by section, the tables."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.headings: dict[str, list[str]] = {}
        self.tables: list[tuple[str, str, list[list[str]]]] = []
        self.scripts: list[str] = []
        self._section = ""
        self._heading: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_script = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "section":
            self._section = found.get("id") or ""
        elif tag in ("h2", "h3"):
            self._heading = []
        elif tag == "table":
            self.tables.append((self._section, found.get("class") or "", []))
        elif tag == "tr" and self.tables:
            self.tables[-1][2].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "script":
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3") and self._heading is not None:
            self.headings.setdefault(self._section, []).append(" ".join("".join(self._heading).split()))
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][2][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
            return
        self.text.append(data)
        for sink in (self._heading, self._cell):
            if sink is not None:
                sink.append(data)

    @property
    def plain(self) -> str:
        return " ".join("".join(self.text).split())

    def table(self, section: str, cls: str = "") -> list[dict[str, str]]:
        """The rows (as header -> cell) of every table of ``section`` (with class ``cls``), joined."""
        out = []
        for where, classes, rows in self.tables:
            if where == section and cls in classes.split() + [""]:
                out += [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
        return out


@pytest.fixture(scope="module")
def survey() -> cmrt.Survey:
    return cmrt.survey(EXAMPLE / "suppliers", REFERENCE, as_of="2025-06-30")


@pytest.fixture(scope="module")
def page(survey: cmrt.Survey) -> str:
    return survey_html(survey)


@pytest.fixture(scope="module")
def parsed(page: str) -> Page:
    return Page(page)


def test_it_is_one_html_document_with_the_headline_date_lists_and_warnings(
    survey: cmrt.Survey, page: str, parsed: Page
) -> None:
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert survey.headline.startswith("5 supplier responses") and "other minerals (Cobalt, Mica)" in page
    assert survey.headline in parsed.plain
    assert "As of 2025-06-30" in parsed.plain
    assert survey.classification.lists and survey.classification.problems
    for source in survey.classification.lists:
        assert list_label(source) in parsed.plain
    for problem in survey.classification.problems:
        assert f"Warning: {problem.message}" in parsed.plain
    assert [t for t, _ in parsed.tags].count("title") == 1
    assert "Responsible minerals survey" in parsed.plain
    assert "Annual survey 2025" in Page(survey_html(survey, title="Annual survey 2025")).plain


def test_every_facility_is_in_the_sortable_table(survey: cmrt.Survey, parsed: Page) -> None:
    rows = parsed.table("facilities", "facilities")
    facilities = survey.classification.facilities
    assert len(rows) == len(facilities) == 17
    assert {r["Smelter ID"] for r in rows} == {f.smelter_id or "" for f in facilities}
    assert {f.smelter_id for f in facilities if f.smelter_id} >= {"CID900303", "CID990101", "CID900001"}
    for row, f in zip(rows, facilities, strict=True):
        assert (row["Metal"], row["Name"], row["Status"]) == (f.metal, f.name, f.status.value)
        assert row["Suppliers"] == ", ".join(f.suppliers)
        assert row["Country"] == (f.country.name if f.country else "")
    assert list(rows[0]) == ["Metal", "Smelter ID", "Name", "Country", "Status", "List status", "Flags",
                             "Suppliers"]  # fmt: skip
    table_tags = [a for t, a in parsed.tags if t == "table" and "facilities" in (a.get("class") or "")]
    assert "sortable" in (table_tags[0].get("class") or "")
    assert sum(t == "button" for t, _ in parsed.tags) >= 8
    script = "".join(parsed.scripts)
    assert "table.sortable" in script and "addEventListener" in script


def test_status_is_said_in_words_with_a_colour(parsed: Page) -> None:
    badges = [a["class"] for t, a in parsed.tags if t == "span" and "badge" in (a.get("class") or "")]
    assert {"badge compliant", "badge active", "badge indeterminable"} <= set(badges)
    rows = parsed.table("facilities", "facilities")
    assert {r["Status"] for r in rows} == {"Compliant", "Active", "Indeterminable"}


def test_the_needs_attention_groups_are_titled(survey: cmrt.Survey, parsed: Page) -> None:
    groups = survey.summary().needs_attention
    assert set(groups) == {"covered_country", "mine_in_covered_country", "non_conformant", "removed"}
    headings = parsed.headings["attention"]
    for key, found in groups.items():
        assert f"{ATTENTION_TITLES[key]} {len(found)}" in headings
    rows = parsed.table("attention")
    assert {"CID900303", "CID990101", "CID900102"} <= {r["Smelter ID"] for r in rows}


def test_every_follow_up_is_a_row(survey: cmrt.Survey, parsed: Page) -> None:
    asks = follow_up(survey)
    rows = parsed.table("follow-up", "follow-up")
    assert len(rows) == len(asks) == 40
    shown = {(r["Topic"], r["File"], r["Where in their file"], r["Detail"]) for r in rows}
    assert {(a.topic.replace("-", " "), a.file, a.where, a.detail) for a in asks} == shown
    assert ("non conformant", "example_components_emrt_2.1.xlsx", "Smelter List row 7") in {
        s[:3] for s in shown
    }
    assert {f"{s} {sum(a.supplier == s for a in asks)}" for s in {a.supplier for a in asks}} <= set(
        parsed.headings["follow-up"]
    )


def test_it_loads_nothing_from_anywhere(page: str, parsed: Page) -> None:
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        for name in ("src", "href", "xlink:href", "action", "data"):
            value = (attrs.get(name) or "").strip()
            assert not value or value.startswith("#"), (tag, name, value)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//|@font-face", page, re.I)
    assert sum(t == "script" for t, _ in parsed.tags) == 1


def test_it_is_the_same_page_every_time(survey: cmrt.Survey, page: str) -> None:
    assert survey_html(survey) == page


def test_a_hostile_company_name_is_text(tmp_path: Path) -> None:
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(build_cmrt(
        declaration={"company_name": HOSTILE},
        smelters=[SmelterRow(metal="Gold", lookup="Smelter not listed", name='<img src=x onerror="1">',
                             country="Peru")],
    ))  # fmt: skip
    hostile = cmrt.survey(path, REFERENCE, as_of="2025-06-30")
    assert hostile.responses[0].company == HOSTILE
    page = survey_html(hostile, title=HOSTILE)
    assert HOSTILE not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parsed = Page(page)
    assert sum(t == "script" for t, _ in parsed.tags) == 1
    assert not [t for t, _ in parsed.tags if t == "img"]
    assert HOSTILE in parsed.plain and '<img src=x onerror="1">' in parsed.plain
    assert any(r["Suppliers"] == HOSTILE for r in parsed.table("facilities", "facilities"))


def test_charts_are_inline_svg_when_matplotlib_is_installed(survey: cmrt.Survey, page: str) -> None:
    pytest.importorskip("matplotlib")
    parsed = Page(page)
    svgs = [a for t, a in parsed.tags if t == "svg"]
    assert len(svgs) == 3
    assert {a["aria-label"] for a in svgs} == {
        "Facilities by status, per metal",
        "Supplier responses: completeness",
        "Facilities by country",
    }
    assert CHARTS_NOTE not in page
    assert "<?xml" not in page and "<metadata" not in page
    ids = [a["id"] for _, a in parsed.tags if a.get("id")]
    assert len(ids) == len(set(ids)), "ids are unique across the charts"
    # the numbers are there as well, for whoever cannot see the charts
    assert parsed.table("charts")


def test_without_matplotlib_the_numbers_are_tables_and_a_note(
    survey: cmrt.Survey, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    page = survey_html(survey)
    assert "<svg" not in page
    parsed = Page(page)
    assert CHARTS_NOTE == "charts need: pip install cmrt[report]"
    assert CHARTS_NOTE in parsed.plain
    rows = parsed.table("charts")
    by_metal = {r["Metal"]: r for r in rows if "Metal" in r}
    for metal, counts in survey.summary().by_metal.items():
        assert [by_metal[metal][s.value] for s in cmrt.Status] == [str(counts[s]) for s in cmrt.Status]
    assert by_metal["All metals"]["Total"] == "17"
    suppliers = [r for r in rows if "Supplier" in r]
    assert len(suppliers) == len(survey.responses)
    assert {"complete", "incomplete: 33 errors"} == {r["Complete?"] for r in suppliers}
    countries = {r["Country"]: r for r in rows if "Country" in r}
    assert countries["RWANDA"]["Covered Country"] == "1"
    assert sum(int(r["Facilities"]) for r in countries.values()) == 17
    assert survey.headline in parsed.plain
    assert len(parsed.table("facilities", "facilities")) == 17


def test_since_last_year_takes_any_object_with_the_changes(survey: cmrt.Survey, page: str) -> None:
    assert "Since last year" not in page
    added = SimpleNamespace(metal="Gold", smelter_id="CID000042", name=HOSTILE, country="PERU",
                            status=cmrt.Status.COMPLIANT)  # fmt: skip
    dropped = SimpleNamespace(metal="Tin", smelter_id=None, name="Gone Tin Co.", country=None,
                              status=cmrt.Status.ACTIVE)  # fmt: skip
    moved = SimpleNamespace(facility=SimpleNamespace(metal="Tin", smelter_id="CID900203",
                            name="Mock Tin Metals S.A.", country="PERU"), old=cmrt.Status.ACTIVE,
                            new=cmrt.Status.COMPLIANT)  # fmt: skip
    changes = SimpleNamespace(added=[added], dropped=[dropped], status_changes=[moved])
    page = survey_html(survey, previous=changes)
    assert HOSTILE not in page
    parsed = Page(page)
    assert parsed.headings["since-last-year"] == ["Since last year", "Facilities added 1",
                                                  "Facilities dropped 1", "Status changes 1"]  # fmt: skip
    assert f"Gold CID000042 {HOSTILE} (PERU) Compliant" in parsed.plain
    assert "Tin Gone Tin Co. Active" in parsed.plain
    assert "Tin CID900203 Mock Tin Metals S.A. (PERU): Active → Compliant" in parsed.plain
    nothing = Page(survey_html(survey, previous=SimpleNamespace(added=(), dropped=(), status_changes=())))
    assert nothing.headings["since-last-year"][1:] == ["Facilities added 0", "Facilities dropped 0",
                                                       "Status changes 0"]  # fmt: skip


def test_since_last_year_from_a_real_comparison(survey: cmrt.Survey) -> None:
    comparison = survey.compare(survey)
    parsed = Page(survey_html(survey, previous=comparison))
    assert "Since last year" in parsed.headings["since-last-year"]
    assert "Status changes 0" in parsed.headings["since-last-year"]
