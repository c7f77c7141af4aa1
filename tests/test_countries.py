"""Country normalisation: the template lists (read from shared/, never copied), everyday forms, properties."""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from pathlib import Path

import attrs
import pytest
from conftest import REFERENCE, needs_shared
from hypothesis import given
from hypothesis import strategies as st

from cmrt.identity import countries as module
from cmrt.identity.countries import COVERED_COUNTRIES, Country, country_by_code, normalize_country

ALL = sorted({c for c in module._BY_CODE.values()}, key=lambda c: c.code)


def read_rows(path: Path) -> list[list[str]]:
    """A CSV's rows; the 2014 CFSI exports are Windows-1252, the rest UTF-8."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    return list(csv.reader(text.splitlines()))


def read_dicts(path: Path) -> list[dict[str, str]]:
    rows = read_rows(path)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


# --- the real lists -------------------------------------------------------------------------------------


@needs_shared
def test_every_cmrt_6x_name_and_code_gives_that_country() -> None:
    rows = read_dicts(REFERENCE / "cmrt_6.x_country_list.csv")
    assert len(rows) == 249
    for row in rows:
        expected = Country(row["code"], row["name"])
        assert normalize_country(row["name"]) == expected, row
        assert normalize_country(row["code"]) == expected, row
        assert country_by_code(row["code"]) == expected, row
    # and nothing more: the module's table is exactly the 6.x list
    assert {(c.code, c.name) for c in ALL} == {(r["code"], r["name"]) for r in rows}


# The 3.01 list (2012-2014) still has two countries that dissolved into several successors; they name no
# single present-day country, so they normalise to None (and their codes are unknown to country_by_code).
DISSOLVED_301 = {"NETHERLANDS ANTILLES": "ANT", "YUGOSLAVIA": "YUG"}


@needs_shared
def test_every_cmrt_301_name_gives_the_country_of_its_iso3_code() -> None:
    rows = read_dicts(REFERENCE / "cmrt_3.01_country_list.csv")
    assert len(rows) == 238
    mapped = 0
    for row in rows:
        found = normalize_country(row["name"])
        assert found == country_by_code(row["iso3"]), row
        if row["name"] in DISSOLVED_301:
            assert found is None
        else:
            assert found is not None, row
            mapped += 1
    assert mapped == 236
    # old spellings and retired codes of that list
    assert normalize_country("ZAIRE") == country_by_code("ZAR") == country_by_code("COD")
    assert normalize_country("EAST TIMOR") == country_by_code("TMP") == country_by_code("TLS")
    assert normalize_country("ROMANIA") == country_by_code("ROM") == country_by_code("ROU")


def _reference_country_values() -> dict[str, int]:
    """Distinct country cells of the smelter lists in shared/fixtures/reference, with their counts."""
    values: dict[str, int] = {}
    patterns = ("*smelter_lookup*.csv", "cmrt_3.01_*.csv", "rmi_*.csv", "cfsi_*.csv")
    for path in sorted({p for pattern in patterns for p in REFERENCE.glob(pattern)}):
        if "country_list" in path.name:
            continue
        rows = read_rows(path)
        header = [h.strip().lower() for h in rows[0]]
        columns = [i for i, h in enumerate(header) if "country" in h or h == "location"]
        if "v2_to_v3" in path.name:  # header is ",,,Version 2,Version 3": metal, name, country, ids
            columns = [2]
        assert columns, path.name
        for row in rows[1:]:
            for i in columns:
                if i < len(row):
                    values[row[i]] = values.get(row[i], 0) + 1
    return values


@needs_shared
def test_country_values_in_the_reference_smelter_lists() -> None:
    values = _reference_country_values()
    assert len(values) > 50
    blanks = {v for v in values if v.strip() in ("", "Unknown")}
    assert blanks == {"", "Unknown"}
    for value in values:
        found = normalize_country(value)
        if value in blanks:
            assert found is None
        else:
            assert found is not None, value
    # a few that are not the 6.x spelling
    assert normalize_country("KOREA (REPUBLIC OF)").code == "KR"
    assert normalize_country("NORTH MACEDONIA, REPUBLIC OF").code == "MK"
    assert normalize_country("China ").code == "CN"


@needs_shared
def test_covered_countries_are_those_of_the_sec_list() -> None:
    rows = read_dicts(REFERENCE / "covered_countries_dodd_frank_1502.csv")
    assert len(rows) == 10
    assert {row["iso2"] for row in rows} == COVERED_COUNTRIES
    for row in rows:
        country = normalize_country(row["cmrt_country_name"])
        assert country is not None and country.code == row["iso2"] and country.is_covered


# --- Covered Countries and the API ------------------------------------------------------------------------


def test_covered_countries() -> None:
    assert {"CD", "CG", "CF", "SS", "UG", "RW", "BI", "TZ", "ZM", "AO"} == COVERED_COUNTRIES
    assert sorted(c.code for c in ALL if c.is_covered) == sorted(COVERED_COUNTRIES)
    assert not normalize_country("Kenya").is_covered
    assert normalize_country("DRC").is_covered and normalize_country("Congo-Brazzaville").is_covered


def test_country_is_a_frozen_value() -> None:
    korea = country_by_code("KR")
    assert korea == Country("KR", "KOREA, REPUBLIC OF")
    assert hash(korea) == hash(Country("KR", "KOREA, REPUBLIC OF"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        korea.code = "KP"  # type: ignore[misc]
    assert normalize_country(korea) is korea


@pytest.mark.parametrize(
    ("code", "expected"),
    [("KR", "KR"), ("kr", "KR"), ("KOR", "KR"), (" kor ", "KR"), ("usa", "US"), ("GBR", "GB"), ("UK", "GB"),
     ("ZR", "CD"), ("ZAR", "CD"), ("TMP", "TL"), ("ROM", "RO"), ("XK", None), ("ANT", None), ("YUG", None),
     ("", None), ("KORE", None), ("K", None), ("Korea", None)],
)  # fmt: skip
def test_country_by_code(code: str, expected: str | None) -> None:
    found = country_by_code(code)
    assert (found.code if found else None) == expected


def test_country_by_code_never_raises() -> None:
    assert country_by_code(None) is None  # type: ignore[arg-type]
    assert country_by_code(82) is None  # type: ignore[arg-type]


# --- everyday forms ---------------------------------------------------------------------------------------

EVERYDAY = {
    "US": ["USA", "U.S.A.", "US", "U.S.", "America", "United States", "UNITED STATES OF AMERICA", "usa "],
    "GB": ["UK", "U.K.", "Great Britain", "England", "United Kingdom", "Britain"],
    "KR": ["Korea", "South Korea", "Republic of Korea", "KOREA, REPUBLIC OF", "Korea, Rep.", "Korea (South)",
           "KOR"],
    "KP": ["North Korea", "DPRK", "Korea, Democratic People's Republic of"],
    "TW": ["Taiwan", "TAIWAN", "TAIWAN, PROVINCE OF CHINA", "ROC", "Taiwan (R.O.C.)", "Taiwan, China",
           "Chinese Taipei"],
    "CN": ["China", "PRC", "P.R. China", "P. R. China", "PR China", "China (PRC)", "Mainland China",
           "People's Republic of China", "P.R.C."],
    "HK": ["Hong Kong", "Hongkong", "Hong Kong SAR", "Hong Kong, China", "HK"],
    "MO": ["Macau", "Macao", "Macau SAR"],
    "VN": ["Vietnam", "Viet Nam", "VIET NAM", "Việt Nam"],
    "RU": ["Russia", "Russian Federation", "Russian Fed."],
    "AE": ["UAE", "U.A.E.", "United Arab Emirates"],
    "BR": ["Brasil", "Brazil"],
    "DE": ["Deutschland", "Germany"],
    "ES": ["Espana", "España", "Spain"],
    "IT": ["Italia", "Italy"],
    "TR": ["Türkiye", "Turkiye", "Turkey"],
    "CZ": ["Czech Republic", "Czechia"],
    "NL": ["Holland", "The Netherlands", "Netherlands", "NETHERLANDS (KINGDOM OF THE)"],
    "CH": ["Swiss", "Schweiz", "Switzerland", "Suisse"],
    "BO": ["Bolivia", "BOLIVIA (PLURINATIONAL STATE OF)", "Bolivia, Plurinational State of"],
    "IR": ["Iran", "Iran, Islamic Republic of"],
    "LA": ["Laos", "Lao PDR", "LAOS PEOPLE'S DEMOCRATIC REPUBLIC"],
    "SY": ["Syria", "Syrian Arab Republic"],
    "TZ": ["Tanzania", "United Republic of Tanzania"],
    "CD": ["DRC", "D.R.C.", "DR Congo", "D.R. Congo", "Congo (Kinshasa)", "Democratic Republic of Congo",
           "Democratic Republic of the Congo", "Congo, Democratic Republic of the", "Dem. Rep. Congo",
           "Congo, The Democratic Republic of the", "ZAIRE", "Zaïre", "Congo (DRC)"],
    "CG": ["Congo", "CONGO", "Congo-Brazzaville", "Congo (Brazzaville)", "Republic of the Congo",
           "Republic of Congo", "Congo, Republic of the"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "CÔTE D'IVOIRE", "COTE D'IVOIRE", "Cote d Ivoire",
           "Côte d’Ivoire"],
    "MM": ["Burma", "Myanmar"],
    "KG": ["Kyrgyzstan", "Kyrgyz Republic"],
    "MD": ["Moldova", "Republic of Moldova"],
    "SZ": ["Swaziland", "Eswatini", "ESWATINI"],
    "MK": ["MACEDONIA, THE FORMER YUGOSLAV REPUBLIC OF", "NORTH MACEDONIA", "Macedonia"],
    "EH": ["WESTERN SAHARA *", "WESTERN SAHARA", "Western Sahara*"],
    "JP": ["Japan", "Nihon", "Nippon", "日本"],
    "SA": ["Saudi Arabia", "KSA", "Kingdom of Saudi Arabia"],
    "ZA": ["South Africa", "RSA"],
    "PH": ["Philippines", "Phillipines"],
    "SH": ["ST. HELENA", "Saint Helena"],
    "PM": ["ST. PIERRE AND MIQUELON", "St Pierre and Miquelon"],
    "GM": ["Gambia", "The Gambia", "Gambia, The"],
    "VA": ["Holy See", "Vatican", "VATICAN CITY STATE (HOLY SEE)"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "TL": ["East Timor", "Timor-Leste", "Timor Leste"],
    "FR": ["France", "FRANCE, METROPOLITAN"],
}  # fmt: skip

NATIVE = {
    "中国": "CN", "中國": "CN", "中华人民共和国": "CN", "日本": "JP", "한국": "KR", "대한민국": "KR",
    "台湾": "TW", "台灣": "TW", "香港": "HK", "澳門": "MO", "Россия": "RU", "РОССИЯ": "RU",
    "Österreich": "AT", "België": "BE",
}  # fmt: skip


@pytest.mark.parametrize(("text", "code"), [(t, code) for code, texts in EVERYDAY.items() for t in texts])
def test_everyday_forms(text: str, code: str) -> None:
    found = normalize_country(text)
    assert found is not None and found.code == code, text
    assert found == country_by_code(code)


@pytest.mark.parametrize(("text", "code"), sorted(NATIVE.items()))
def test_native_names(text: str, code: str) -> None:
    found = normalize_country(text)
    assert found is not None and found.code == code


@pytest.mark.parametrize(
    "value",
    ["", "   ", "Unknown", "UNKNOWN", "unknown ", "N/A", "n/a", "N.A.", "NA.", "-", "--", "?", "TBD", "none",
     "0", "*", "Virgin Islands", "Netherlands Antilles", "Yugoslavia", "Kosovo", "Europe", "Asia", "Africa",
     "Tokuriki Honten Co., Ltd., Japan", "Japan, Tokyo", "Korea (North or South)", "Congo?Kinshasa!no",
     None, 0, 1, 86.0, True, dt.date(2024, 1, 1), dt.datetime(2024, 1, 1), b"US", ["US"], {"US": 1},
     object()],
)  # fmt: skip
def test_not_a_country(value: object) -> None:
    assert normalize_country(value) is None


def test_bare_codes_only_as_letters() -> None:
    # "NA" is Namibia and "NO" Norway as codes (ISO), but punctuated forms are words, not codes
    assert normalize_country("NA").code == "NA"
    assert normalize_country("no").code == "NO"
    assert normalize_country("N/A") is None and normalize_country("n.a.") is None
    assert normalize_country("no.") is None


# --- the tables -------------------------------------------------------------------------------------------


def test_table_is_consistent() -> None:
    codes2 = [a2 for a2, _, _ in module._ISO]
    codes3 = [a3 for _, a3, _ in module._ISO]
    names = [module._fold(name) for _, _, name in module._ISO]
    assert len(module._ISO) == 249
    assert len(set(codes2)) == len(set(codes3)) == len(set(names)) == 249
    assert all(len(c) == 2 and c.isupper() for c in codes2)
    assert all(len(c) == 3 and c.isupper() for c in codes3)
    assert all(name == name.upper() for _, _, name in module._ISO)


def test_alias_keys_are_folded_and_never_shadow_another_country() -> None:
    iso_names = {module._fold(name): code for code, _, name in module._ISO}
    for alias, code in module._ALIASES.items():
        assert module._fold(alias) == alias, alias
        assert code in codes_of(ALL)
        assert iso_names.get(alias, code) == code, alias
        as_code = country_by_code(alias) if alias.isascii() and alias.isalpha() else None
        assert as_code is None or as_code.code == code, alias


def codes_of(countries: list[Country]) -> set[str]:
    return {c.code for c in countries}


# --- properties -------------------------------------------------------------------------------------------


def test_normalising_is_idempotent_for_every_country() -> None:
    for country in ALL:
        assert normalize_country(country.name) == country
        assert normalize_country(country.code) == country
        assert normalize_country(country.code.lower()) == country
        assert country_by_code(country.code) == country


SAMPLES = [c.name for c in ALL] + [t for texts in EVERYDAY.values() for t in texts]
SPACE = st.sampled_from([" ", "  ", "\t", "\u00a0", " \u3000"])


def _respace(text: str, data: st.DataObject) -> str:
    words = text.split(" ")
    out = data.draw(st.sampled_from(["", " ", "  \t"]))
    for i, word in enumerate(words):
        out += word + (data.draw(SPACE) if i < len(words) - 1 else "")
    return out + data.draw(st.sampled_from(["", " ", "\n", " * "]))


@given(st.sampled_from(SAMPLES), st.data())
def test_case_and_spacing_never_change_the_result(text: str, data: st.DataObject) -> None:
    flips = data.draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    recased = "".join(ch.swapcase() if flip else ch for ch, flip in zip(text, flips, strict=True))
    assert normalize_country(_respace(recased, data)) == normalize_country(text)


@given(st.sampled_from(SAMPLES), st.data())
def test_diacritics_never_change_the_result(text: str, data: st.DataObject) -> None:
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    marks = st.sampled_from(["\u0301", "\u0300", "\u0308", "\u0302", "\u0303", "\u030c", "\u0327"])
    accented = "".join(
        ch + (data.draw(marks) if ch.isascii() and ch.isalpha() and data.draw(st.booleans()) else "")
        for ch in plain
    )
    expected = normalize_country(text)
    assert normalize_country(plain) == expected
    assert normalize_country(unicodedata.normalize("NFC", accented)) == expected


@given(st.text(max_size=60))
def test_arbitrary_text_never_raises(text: str) -> None:
    found = normalize_country(text)
    assert found is None or (found in ALL and normalize_country(found.name) == found)
    country_by_code(text)


ODD = st.one_of(
    st.none(), st.integers(), st.floats(), st.binary(), st.dates(), st.datetimes(),
    st.lists(st.text(max_size=3)), st.text(alphabet="USAKORNGBCD. -*/", max_size=8),
)  # fmt: skip


@given(ODD)
def test_odd_values_never_raise(value: object) -> None:
    found = normalize_country(value)
    assert found is None or found in ALL
