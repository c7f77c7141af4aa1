"""A seven-supplier survey naming 318 facilities, built at test time from the shared RMI data.

It reproduces the shape of the real filed report in ``shared/docs/domain.md``: seven suppliers, 318
distinct facilities, one refinery located in a Covered Country (Zambia), one smelter with a mine reported
in the DRC, and placeholder rows. The suppliers fill their templates the ways suppliers do:

======  ===========  ==============================================================================
S1      3.01 .xls    look-up names from the 3.01 reference list ("Smelter Reference List" column)
S2      6.01 .xlsx   smelter IDs typed in the ID input column
S3      6.1          look-up entry, by alias wherever the look-up has one
S4      6.22         look-up entry, saved in the Chinese UI
S5      6.31         look-up entry, written by a tool that never recalculated the workbook
S6      6.4          "Smelter not listed" rows typed by hand: typos, upper case, no punctuation,
                     everyday country names ("USA", "Korea")
S7      6.5          look-up entry, the Zambia refinery typed by hand, a mine in the DRC, placeholders
======  ===========  ==============================================================================

The truth (which facility, which status) comes from the shared lists, never from cmrt: a facility is
Compliant when its (metal, CID) is in ``rmi_conformant_2023.csv``, Active when in ``rmi_active_2023.csv``,
else Indeterminable. Nothing here is written into the project: the workbooks go to a temporary folder.
"""

from __future__ import annotations

import csv
import random
import re
from collections import defaultdict
from pathlib import Path

import attrs

from cmrt.testing import LookupRow, SmelterRow, write_cmrt

METALS = ("Tantalum", "Tin", "Gold", "Tungsten")
ZAMBIA = ("Gold", "CID002854")  # Universal Precious Metals Refining Zambia: removed 2019, in the history only
COVERED = re.compile(r"CONGO|RWANDA|UGANDA|BURUNDI|TANZANIA|ZAMBIA|ANGOLA|SUDAN|CENTRAL AFRICAN")
LOOKUP_VERSIONS = ("6.01", "6.1", "6.22", "6.31", "6.4", "6.5")
TOTAL = 318


def reference_files(reference: Path) -> list[Path]:
    """What an analyst has: the current template, the older look-ups, the 2023 lists, the history."""
    lookups = [reference / f"cmrt_{v}_smelter_lookup.csv" for v in LOOKUP_VERSIONS[:-1]]
    return [
        reference / "RMI_CMRT_6.5_template.xlsx",
        *lookups,
        reference / "cmrt_3.01_smelter_reference_list.csv",
        reference / "rmi_conformant_2023.csv",
        reference / "rmi_active_2023.csv",
        reference / "rmi_srl_revision_history_2023.csv",
    ]


@attrs.frozen
class Truth:
    metal: str
    smelter_id: str
    name: str
    country: str
    status: str


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _lookup(reference: Path, version: str) -> list[LookupRow]:
    rows = []
    for r in csv_rows(reference / f"cmrt_{version}_smelter_lookup.csv"):
        if r["smelter_id"] and r["metal"] in METALS:
            rows.append(
                LookupRow(
                    r["metal"],
                    r["smelter_lookup_name"],
                    r["standard_smelter_name"],
                    r["country"],
                    r["smelter_id"],
                    r["street"],
                    r["city"],
                    r["state_province"],
                )
            )
    return rows


def _lookup_301(reference: Path) -> list[LookupRow]:
    return [
        LookupRow(
            r["metal"], r["smelter_reference_name"], r["standard_smelter_name"], r["country"], r["smelter_id"]
        )
        for r in csv_rows(reference / "cmrt_3.01_smelter_reference_list.csv")
        if r["smelter_id"] and r["metal"] in METALS
    ]


_PUNCT = re.compile(r"[.,]")
_COUNTRY_AS_TYPED = {
    "UNITED STATES OF AMERICA": "USA",
    "KOREA, REPUBLIC OF": "Korea",
    "TAIWAN, PROVINCE OF CHINA": "Taiwan",
    "RUSSIAN FEDERATION": "Russia",
    "CHINA": "China",
    "JAPAN": "japan",
}


def typed(name: str, k: int) -> str:
    """How a supplier types a standard name by hand: four habits, in turn."""
    habit = k % 4
    if habit == 0:
        return name.upper()
    if habit == 1:
        return " ".join(_PUNCT.sub(" ", name).split())
    if habit == 2:  # one letter dropped from the longest word
        words = name.split()
        i = max(range(len(words)), key=lambda j: len(words[j]))
        if len(words[i]) > 7:
            words[i] = words[i][:3] + words[i][4:]
        return " ".join(words)
    return name.lower()


def typo(name: str, rng: random.Random) -> str:
    """One slip of the keyboard in one word of five letters or more: two letters swapped, one dropped or
    one doubled; then the name's case and punctuation as in :func:`typed`."""
    words = name.split()
    long = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 5]
    if long:
        i = rng.choice(long)
        w = words[i]
        j = rng.randrange(1, len(w) - 1)
        slip = rng.randrange(3)
        if slip == 0:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        elif slip == 1:
            w = w[:j] + w[j + 1 :]
        else:
            w = w[:j] + w[j] + w[j:]
        words[i] = w
    return typed(" ".join(words), rng.randrange(4))


@attrs.define
class SurveyFiles:
    paths: list[Path]
    truth: dict[tuple[str, str], Truth]
    placeholders: dict[str, int]
    """Supplier company name -> placeholder rows written."""
    drc_mine: tuple[str, str]
    zambia: tuple[str, str] = ZAMBIA


def build_survey(reference: Path, folder: Path, *, typo_seed: int | None = None) -> SurveyFiles:
    """Write the seven supplier workbooks into ``folder`` and return them with the truth.

    With ``typo_seed``, every name S6 types by hand also carries one random slip of the keyboard.
    """
    rng = random.Random(typo_seed)
    conformant = {(r["METAL"], r["SMELTER ID"]) for r in csv_rows(reference / "rmi_conformant_2023.csv")}
    active = {(r["METAL"], r["SMELTER ID"]) for r in csv_rows(reference / "rmi_active_2023.csv")}
    lookups = {v: _lookup(reference, v) for v in LOOKUP_VERSIONS}
    k_301 = _lookup_301(reference)

    standard: dict[tuple[str, str], LookupRow] = {}  # newest look-up's standard entry per facility
    for version in LOOKUP_VERSIONS:
        for row in lookups[version]:
            if row.alias == row.standard_name:
                standard[(row.metal, row.smelter_id)] = row
    eligible = {k: v for k, v in standard.items() if not COVERED.search(v.country)}
    chosen = sorted(k for k in eligible if k in conformant or k in active)
    rest = sorted(k for k in eligible if k not in conformant and k not in active)
    chosen += rest[: TOTAL - 1 - len(chosen)]
    assert len(chosen) == TOTAL - 1, len(chosen)

    truth = {
        key: Truth(
            *key,
            eligible[key].standard_name,
            eligible[key].country,
            "Compliant" if key in conformant else "Active" if key in active else "Indeterminable",
        )
        for key in chosen
    }
    zambia = next(
        r for r in csv_rows(reference / "rmi_srl_revision_history_2023.csv") if r["SMELTER ID"] == ZAMBIA[1]
    )
    truth[ZAMBIA] = Truth(*ZAMBIA, zambia["STANDARD SMELTER NAME"], zambia["COUNTRY"], "Indeterminable")

    in_version = {v: {(r.metal, r.smelter_id) for r in rows} for v, rows in lookups.items()}
    in_301 = {(r.metal, r.smelter_id) for r in k_301}
    aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in lookups["6.1"]:
        if row.alias != row.standard_name:
            aliases[(row.metal, row.smelter_id)].append(row.alias)
    names_301: dict[tuple[str, str], str] = {}
    for row in k_301:
        names_301.setdefault((row.metal, row.smelter_id), row.alias)

    suppliers: dict[str, list[SmelterRow]] = {f"S{i}": [] for i in range(1, 8)}

    def can(supplier: str, key: tuple[str, str]) -> bool:
        version = {"S2": "6.01", "S3": "6.1", "S4": "6.22", "S5": "6.31", "S7": "6.5"}.get(supplier)
        if supplier == "S1":
            return key in in_301
        return supplier == "S6" or key in in_version[version]

    def row_for(supplier: str, key: tuple[str, str], k: int) -> SmelterRow:
        metal, cid = key
        t = truth[key]
        if supplier == "S1":
            return SmelterRow(metal=metal, lookup=names_301[key])
        if supplier == "S2":
            return SmelterRow(smelter_id_input=cid)
        if supplier == "S3":
            return SmelterRow(metal=metal, lookup=(aliases.get(key) or [t.name])[0])
        if supplier == "S6":
            return SmelterRow(
                metal=metal,
                lookup="Smelter not listed",
                name=typed(t.name, k) if typo_seed is None else typo(t.name, rng),
                country=_COUNTRY_AS_TYPED.get(t.country, t.country.title()),
            )
        return SmelterRow(metal=metal, lookup=t.name)

    order = ["S1", "S2", "S3", "S4", "S5", "S6", "S7"]
    for k, key in enumerate(sorted(truth)):
        if key == ZAMBIA:
            continue
        fits = [s for s in order if can(s, key)]
        first = fits[k % len(fits)]
        suppliers[first].append(row_for(first, key, k))
        if k % 3 == 0 and len(fits) > 1:  # a third of the facilities are reported by a second supplier
            second = fits[(k + 1) % len(fits)]
            suppliers[second].append(row_for(second, key, k + 1))

    t = truth[ZAMBIA]
    suppliers["S7"].append(
        SmelterRow(metal="Gold", lookup="Smelter not listed", name=t.name, country="ZAMBIA")
    )
    drc_key = next(key for key in sorted(truth) if key[0] == "Tantalum" and truth[key].status == "Compliant")
    suppliers["S7"].append(
        SmelterRow(metal="Tantalum", lookup=truth[drc_key].name, mine_names="Kibali", mine_countries="DRC")
    )
    placeholders = {"S7": 3, "S4": 2, "S5": 1}
    for supplier, count in placeholders.items():
        suppliers[supplier] += [
            SmelterRow(metal=m, lookup="Smelter not yet identified") for m in METALS[:count]
        ]

    settings = {
        "S1": {"version": "3.01", "fmt": "xls", "lookup": k_301},
        "S2": {"version": "6.01", "lookup": lookups["6.01"]},
        "S3": {"version": "6.1", "lookup": lookups["6.1"]},
        "S4": {"version": "6.22", "lookup": lookups["6.22"], "language": "中文 Chinese"},
        "S5": {"version": "6.31", "lookup": lookups["6.31"], "recalculated": False},
        "S6": {"version": "6.4", "lookup": lookups["6.4"]},
        "S7": {"version": "6.5", "lookup": lookups["6.5"]},
    }
    paths = []
    for supplier, rows in suppliers.items():
        options = settings[supplier]
        suffix = options.get("fmt", "xlsx")
        path = folder / f"{supplier}_CMRT_{options['version']}.{suffix}"
        write_cmrt(
            path,
            declaration={"company_name": f"Supplier {supplier}", "scope": "A. Company"},
            answers={("1", m): "Yes" for m in METALS} | {("2", m): "Yes" for m in METALS},
            smelters=rows,
            **options,
        )
        paths.append(path)
    return SurveyFiles(paths, truth, {f"Supplier {s}": n for s, n in placeholders.items()}, drc_key)
