"""CAHRA lists as users have them: cahraslist.net JSON, a CSV of countries and regions, or names in code."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmrt import CahraList, ReferenceFormatError, countries_in, normalize_country


def test_csv_with_whole_countries_and_regions(tmp_path: Path) -> None:
    path = tmp_path / "cahra.csv"
    path.write_text("Country,Region\nBurundi,\nMexico,Guerrero\nMexico,Michoacán\n", encoding="utf-8")
    cahra = CahraList.from_file(path)
    assert len(cahra) == 2 and "BI" in cahra and "Japan" not in cahra
    mexico = normalize_country("MX")
    assert cahra.assess(mexico, "Michoacan de Ocampo")  # accents and longer official names still match
    assert cahra.assess(mexico, "Jalisco") is None
    assert cahra.assess(normalize_country("Burundi"), "anywhere")


def test_json_entries(tmp_path: Path) -> None:
    path = tmp_path / "cahra.json"
    path.write_text(
        '{"meta": {"version": "Q3"}, "entries": [{"countryName": "Myanmar", "iso2": "MM", '
        '"regions": [{"name": "Shan", "code": "MM-17"}]}, {"countryName": "Libya", "wholeCountry": true}]}',
        encoding="utf-8",
    )
    cahra = CahraList.from_file(path)
    assert cahra.version == "Q3" and cahra.areas["LY"].whole_country
    assert cahra.assess(normalize_country("Myanmar"), "MM-17") and not cahra.areas["MM"].whole_country


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"entries": []}', "expected a JSON list"),
        ("{not json", "not valid JSON"),
        ('[{"countryName": "Atlantis"}]', "unknown country"),
        ("Country\nNarnia\n", "is not a country"),
    ],
)
def test_unusable_lists_are_refused_with_the_reason(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "cahra.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceFormatError, match=message):
        CahraList.from_file(path)


def test_from_countries_names_the_unknown_one() -> None:
    assert "VE" in CahraList.from_countries(["Venezuela", "ZW"]).areas
    with pytest.raises(ValueError, match="Narnia"):
        CahraList.from_countries(["Narnia"])


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("DRC", ["CD"]),
        ("Rwanda / Burundi", ["RW", "BI"]),
        ("CONGO, DEMOCRATIC REPUBLIC OF THE; TANZANIA, UNITED REPUBLIC OF", ["CD", "TZ"]),
        ("Bolivia, Peru, Brazil", ["BO", "PE", "BR"]),
        ("Recycled / scrap", []),
        ("China and China", ["CN"]),
        ("DRC - South Kivu", ["CD"]),
        ("Guinea-Bissau", ["GW"]),
    ],
)
def test_countries_in_mine_country_cells(text: str, codes: list[str]) -> None:
    assert [c.code for c in countries_in(text)] == codes
