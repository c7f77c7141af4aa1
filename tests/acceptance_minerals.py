"""A survey of EMRTs, CRTs and AMRTs, built at test time from the shared RMI data.

Six suppliers fill the templates for cobalt, copper, lithium, mica, nickel and the AMRT's minerals the
ways suppliers do:

====  ================  =============================================================================
M1    EMRT 2.1 .xlsx    look-up entry, by alias wherever the look-up has one; placeholders; a Mine List
M2    EMRT 2.0          smelter IDs typed in the ID input column, written by a tool that never
                        recalculated the workbook
M3    CRT 2.2           look-up entry, saved in the Chinese UI
M4    EMRT 1.2          "Smelter not listed" rows typed by hand (upper or lower case, no punctuation,
                        a dropped letter; with ``typo_seed`` a keyboard slip too), everyday country names
M5    AMRT 1.3          look-up entry for nine listed minerals, a tenth typed in as "Other"
M6    EMRT 2.1 .xls     smelter IDs typed
====  ================  =============================================================================

The truth comes from the shared lists, never from cmrt: Compliant when (mineral, CID) is in
``rmi_conformant_2023.csv``, Active when in ``rmi_active_2023.csv``, else Indeterminable. Look-up names
that the template maps to two IDs are left out (the template silently takes the first). Nothing is
written into the project: the workbooks go to a temporary folder.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from pathlib import Path

import attrs
from acceptance_survey import Truth, csv_rows, typed, typo

from cmrt.layouts import family_for
from cmrt.testing import LookupRow, SmelterRow
from cmrt.testing.builder import build_report
from cmrt.testing.rows import MineRow

PER_MINERAL = 12
"""Facilities taken per mineral beyond those on the 2023 lists."""
AMRT_LISTED = 9
"""Listed minerals M5 selects; its tenth selection cell holds the "Other" one."""
_COUNTRY_AS_TYPED = {
    "CONGO, DEMOCRATIC REPUBLIC OF THE": "DRC",
    "CHINA": "China",
    "UNITED STATES OF AMERICA": "USA",
}


def reference_files(reference: Path, real: Path) -> list[Path]:
    """What an analyst has: the current EMRT, the CRT and AMRT look-ups, the cobalt and mica lists, the
    2023 conformant and active lists."""
    return [
        real / "RMI_EMRT_2.1.xlsx",
        reference / "crt_2.21_smelter_lookup.csv",
        reference / "amrt_1.3_smelter_lookup.csv",
        reference / "rmi_cobalt_refiner_list_2023.csv",
        reference / "rmi_mica_processor_list_2023.csv",
        reference / "rmi_conformant_2023.csv",
        reference / "rmi_active_2023.csv",
    ]


@attrs.define
class MineralSurvey:
    paths: list[Path]
    truth: dict[tuple[str, str], Truth]
    placeholders: dict[str, int]
    mines: int


def _lookup(path: Path) -> list[LookupRow]:
    rows = [r for r in csv_rows(path) if r["smelter_id"]]
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        ids[(r["metal"], r["smelter_lookup_name"].casefold())].add(r["smelter_id"])
    return [
        LookupRow(r["metal"], r["smelter_lookup_name"], r["standard_smelter_name"], r["country"],
                  r["smelter_id"], r["street"], r["city"], r["state_province"])
        for r in rows
        if len(ids[(r["metal"], r["smelter_lookup_name"].casefold())]) == 1
    ]  # fmt: skip


def build_minerals_survey(reference: Path, folder: Path, *, typo_seed: int | None = None) -> MineralSurvey:
    """Write the six supplier workbooks into ``folder`` and return them with the truth."""
    rng = random.Random(typo_seed)
    conformant = {(r["METAL"], r["SMELTER ID"]) for r in csv_rows(reference / "rmi_conformant_2023.csv")}
    active = {(r["METAL"], r["SMELTER ID"]) for r in csv_rows(reference / "rmi_active_2023.csv")}
    emrt = _lookup(reference / "emrt_2.1_smelter_lookup.csv")
    crt = _lookup(reference / "crt_2.21_smelter_lookup.csv")
    amrt = _lookup(reference / "amrt_1.3_smelter_lookup.csv")
    standard = {(r.metal, r.smelter_id): r for r in (*emrt, *crt, *amrt) if r.alias == r.standard_name}
    listed = sorted(k for k in standard if k in conformant or k in active)
    others: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in sorted(standard):
        if key not in conformant and key not in active and len(others[key[0]]) < PER_MINERAL:
            others[key[0]].append(key)
    amrt_minerals = family_for("1.3", "AMRT").minerals
    per_amrt_mineral = Counter(k[0] for k in standard if k[0] in amrt_minerals)
    # The AMRT selects at most ten minerals: the nine with most facilities, and one typed as "Other".
    m5_chosen = sorted(sorted(per_amrt_mineral, key=lambda m: (-per_amrt_mineral[m], m))[:AMRT_LISTED])
    chosen = [
        k
        for k in listed + [k for keys in others.values() for k in keys]
        if k[0] not in amrt_minerals or k[0] in m5_chosen
    ]
    truth = {
        k: Truth(*k, standard[k].standard_name, standard[k].country,
                 "Compliant" if k in conformant else "Active" if k in active else "Indeterminable")
        for k in chosen
    }  # fmt: skip
    in_emrt = {(r.metal, r.smelter_id) for r in emrt}
    in_crt = {(r.metal, r.smelter_id) for r in crt}
    aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in (*emrt, *crt, *amrt):
        if r.alias != r.standard_name:
            aliases[(r.metal, r.smelter_id)].append(r.alias)

    def covers(supplier: str, key: tuple[str, str]) -> bool:
        metal = key[0]
        if supplier in ("M1", "M2", "M6"):
            return key in in_emrt
        if supplier == "M3":
            return key in in_crt
        if supplier == "M4":
            return metal in ("Cobalt", "Mica")
        return metal in m5_chosen

    def row_for(supplier: str, key: tuple[str, str], k: int) -> SmelterRow:
        metal, cid = key
        t = truth[key]
        if supplier in ("M2", "M6"):
            return SmelterRow(smelter_id_input=cid)
        if supplier == "M4":
            name = typed(t.name, k) if typo_seed is None else typo(t.name, rng)
            country = _COUNTRY_AS_TYPED.get(t.country, t.country.title())
            return SmelterRow(metal=metal, lookup="Smelter not listed", name=name, country=country)
        if supplier in ("M1", "M3"):
            return SmelterRow(metal=metal, lookup=(aliases.get(key) or [t.name])[0])
        return SmelterRow(metal=metal, lookup=t.name)

    suppliers: dict[str, list[SmelterRow]] = {f"M{i}": [] for i in range(1, 7)}
    order = list(suppliers)
    for k, key in enumerate(sorted(truth)):
        fits = [s for s in order if covers(s, key)]
        first = fits[k % len(fits)]
        suppliers[first].append(row_for(first, key, k))
        if k % 3 == 0 and len(fits) > 1:  # a third of the facilities are reported by a second supplier
            second = fits[(k + 1) % len(fits)]
            suppliers[second].append(row_for(second, key, k + 1))
    placeholders = {"M1": 2, "M3": 1}
    for supplier, count in placeholders.items():
        metals = ("Cobalt", "Copper") if supplier == "M1" else ("Cobalt",)
        suppliers[supplier] += [
            SmelterRow(metal=m, lookup="Smelter not yet identified") for m in metals[:count]
        ]
    mines = [
        MineRow("Cobalt", truth[k].name, f"Example Mine {i}", country="DRC" if i % 2 else "Zambia")
        for i, k in enumerate(key for key in sorted(truth) if key[0] == "Cobalt" and key in in_emrt)
        if i < 3
    ]
    m5_minerals = [*m5_chosen, "Tungsten Carbide"]
    settings: dict[str, dict[str, object]] = {
        "M1": {"template": "EMRT", "version": "2.1", "lookup": emrt, "mines": mines},
        "M2": {"template": "EMRT", "version": "2.0", "lookup": emrt, "recalculated": False},
        "M3": {"template": "CRT", "version": "2.2", "lookup": crt, "language": "中文 Chinese"},
        "M4": {
            "template": "EMRT",
            "version": "1.2",
            "lookup": [r for r in emrt if r.metal in ("Cobalt", "Mica")],
        },
        "M5": {"template": "AMRT", "version": "1.3", "lookup": amrt, "minerals": m5_minerals},
        "M6": {"template": "EMRT", "version": "2.1", "lookup": emrt, "fmt": "xls"},
    }
    paths = []
    for supplier, rows in suppliers.items():
        options = dict(settings[supplier])
        template, version = str(options["template"]), str(options.pop("version"))
        family = family_for(version, template)
        minerals = tuple(options.get("minerals") or family.minerals)  # type: ignore[arg-type]
        if template == "EMRT" and family.selection_cells:
            minerals = family.minerals
            options["minerals"] = minerals
        answers = {(q, m): "Yes" for q in ("1", "2") for m in minerals}
        path = folder / f"{supplier}_{template}_{version}.{options.get('fmt', 'xlsx')}"
        options.pop("template")
        path.write_bytes(build_report(
            template, version=version, smelters=rows, answers=answers,
            declaration={"company_name": f"Supplier {supplier}", "scope": "A. Company"}, **options,  # type: ignore[arg-type]
        ))  # fmt: skip
        paths.append(path)
    return MineralSurvey(paths, truth, {f"Supplier {s}": n for s, n in placeholders.items()}, len(mines))
