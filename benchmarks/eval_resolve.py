"""Accuracy of smelter resolution on real names, as written and as suppliers type them.

    python benchmarks/eval_resolve.py [--shared ../shared] [--seed 7]

Reference (what a compliance team has for its 2023/2024 survey, from ../shared, read in place):
the RMI CMRT 6.5 template, the 6.01/6.1/6.22/6.31 templates of earlier years, the 2023 conformant and
active lists, the 2023 revision history, and the CFSI 2014 lists (3.01 template, key terms, v2 -> CID).

Queries, each with its true smelter ID:
- real names: every (metal, look-up name, country, ID) of the 6.01-6.5 look-ups and the 3.01 K list,
  every standard name of the conformant/active lists, the 2014 key-term file's standard names;
- renames: a facility's earlier standard names (from older templates) for IDs the revision history
  says were renamed, resolved against the reference *without* the older templates' rows for them
  is not possible (the history gives new names only), so they are resolved with all sources loaded;
- typed: each real name perturbed as suppliers type it (case, punctuation, legal form changed or
  dropped, one typo, country written as "USA"/"Korea"/title case), one variant per name;
- key terms: the 2014 key terms joined as a supplier might write them ("AGR Matthey").

Outcomes: auto-right, auto-WRONG, review-right (needs review, the true facility is the match or among
the candidates offered: RMI itself gave some names to several facilities over the years), review-wrong,
none. The goal: >= 99% of real names resolved to the right facility, and no wrong automatic match.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from cmrt.identity.reference import SmelterReference
from cmrt.identity.resolve import Method

METALS = {"Gold", "Tin", "Tantalum", "Tungsten"}
COUNTRY_TYPED = {
    "UNITED STATES OF AMERICA": "USA",
    "UNITED STATES": "USA",
    "KOREA, REPUBLIC OF": "Korea",
    "CHINA": "PRC",
    "TAIWAN, PROVINCE OF CHINA": "Taiwan",
    "VIET NAM": "Vietnam",
    "RUSSIAN FEDERATION": "Russia",
    "BRAZIL": "Brasil",
    "GERMANY": "Deutschland",
}
LEGAL = [
    ("Co., Ltd.", "Co Ltd"),
    ("Co., Ltd.", "Company Limited"),
    ("Co., Ltd.", ""),
    ("Inc.", "Inc"),
    ("Corporation", "Corp."),
    ("S.A.", "SA"),
    ("GmbH", "G.m.b.H."),
    ("Ltd.", "Limited"),
    ("PT ", "P.T. "),
]


def load_queries(ref_dir: Path, real_dir: Path) -> list[tuple[str, str, str, str, str]]:
    """(category, metal, name, country, true CID) for every real name in the shared lists."""
    out = []
    for path in sorted(ref_dir.glob("cmrt_*_smelter_lookup.csv")) + [
        ref_dir / "cmrt_3.01_smelter_reference_list.csv"
    ]:
        for row in csv.DictReader(path.open(encoding="utf-8")):
            name = row.get("smelter_lookup_name") or row.get("smelter_reference_name")
            if row["metal"] in METALS and row["smelter_id"] and name:
                out.append(("real", row["metal"], name, row["country"], row["smelter_id"]))
    for path in (ref_dir / "rmi_conformant_2023.csv", ref_dir / "rmi_active_2023.csv"):
        for row in csv.DictReader(path.open(encoding="utf-8")):
            if row["METAL"] in METALS:
                out.append(
                    (
                        "real",
                        row["METAL"],
                        row["STANDARD SMELTER NAME"],
                        row["COUNTRY LOCATION"],
                        row["SMELTER ID"],
                    )
                )
    for row in csv.DictReader(
        (ref_dir / "cfsi_smelter_references_keyterms_2014_ddm.csv").open(encoding="utf-8")
    ):
        if row["METAL"] in METALS and row["V3 Smelter ID"].startswith("CID"):
            out.append(
                ("real", row["METAL"], row["STANDARD SMELTER NAME"], row["COUNTRY"], row["V3 Smelter ID"])
            )
            terms = [row[f"KEY TERM {i}"].strip() for i in range(1, 5) if row[f"KEY TERM {i}"].strip()]
            if len(terms) >= 2:
                out.append(
                    ("key terms", row["METAL"], " ".join(terms[-2:]), row["COUNTRY"], row["V3 Smelter ID"])
                )
    return list(dict.fromkeys(out))


def typed(name: str, country: str, rng: random.Random) -> tuple[str, str]:
    """One way a supplier might type this name and country."""
    out = name
    for old, new in LEGAL:
        if old in out and rng.random() < 0.7:
            out = out.replace(old, new)
            break
    choice = rng.randrange(4)
    if choice == 0:
        out = out.upper()
    elif choice == 1:
        out = out.lower().replace(",", "").replace(".", "")
    words = out.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if long_words and rng.random() < 0.6:
        i = rng.choice(long_words)
        w = words[i]
        j = rng.randrange(1, len(w) - 1)
        words[i] = rng.choice(
            [w[:j] + w[j + 1 :], w[:j] + w[j] + w[j:], w[: j - 1] + w[j] + w[j - 1] + w[j + 1 :]]
        )
    out = " ".join(words)
    typed_country = COUNTRY_TYPED.get(country.upper(), country.title()) if country else country
    return out, typed_country


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--without-country", action="store_true", help="resolve names alone, as some annexes list them"
    )
    args = parser.parse_args()
    ref_dir, real_dir = args.shared / "fixtures" / "reference", args.shared / "fixtures" / "real"
    if not ref_dir.is_dir():
        print(f"reference data not found at {ref_dir}: nothing to evaluate")
        return 0
    files = [
        ref_dir / "RMI_CMRT_6.5_template.xlsx",
        *(real_dir / f"RMI_CMRT_{v}.xlsx" for v in ("6.01", "6.1", "6.22", "6.31")),
        ref_dir
        / "cmrt_6.4_smelter_lookup.csv",  # the 6.4 template is kept back; its look-up extract stands in
        ref_dir / "rmi_conformant_2023.csv",
        ref_dir / "rmi_active_2023.csv",
        ref_dir / "rmi_srl_revision_history_2023.csv",
        ref_dir / "cmrt_3.01_sample_green_ddm.xlsx",
        ref_dir / "cfsi_smelter_references_keyterms_2014_ddm.csv",
        ref_dir / "cfsi_cmrt_v2_to_v3_smelter_ids_2014_ddm.csv",
    ]
    start = time.perf_counter()
    reference = SmelterReference.from_files(*files)
    print(
        f"reference: {len(reference)} facilities from {len(files)} files"
        f" in {time.perf_counter() - start:.2f} s"
    )
    rng = random.Random(args.seed)
    queries = load_queries(ref_dir, real_dir)
    renamed = {f.smelter_id for f in reference.facilities.values() if f.former_names}
    cases = []
    for category, metal, name, country, cid in queries:
        cases.append((category, metal, name, country, cid))
        if category == "real":
            former = cid in renamed and any(
                name == n for f in [reference.get(cid, metal)] if f for n in f.former_names
            )
            if former:
                cases.append(("former name", metal, name, country, cid))
            cases.append(("typed", metal, *typed(name, country, rng), cid))
    outcomes: dict[str, Counter] = defaultdict(Counter)
    by_method: dict[str, Counter] = defaultdict(Counter)
    wrong = []
    for category, metal, name, country, cid in cases:
        m = reference.resolve(metal=metal, name=name, country=None if args.without_country else country)
        right = m.smelter_id == cid
        offered = right or any(c.facility.smelter_id == cid for c in m.candidates)
        if m.facility is None:
            outcome = "none"
        elif not m.needs_review:
            outcome = "auto-right" if right else "auto-WRONG"
        else:
            outcome = "review-right" if offered else "review-wrong"
        outcomes[category][outcome] += 1
        by_method[m.method.value][outcome] += 1
        if outcome == "auto-WRONG":
            wrong.append((category, metal, name, country, cid, m.smelter_id, m.method.value, round(m.score)))
    columns = ["auto-right", "auto-WRONG", "review-right", "review-wrong", "none"]
    print(f"\n{'queries':14} {'n':>6} " + " ".join(f"{c:>13}" for c in columns) + f" {'resolved right':>15}")
    for category, counts in outcomes.items():
        n = sum(counts.values())
        right = counts["auto-right"] + counts["review-right"]
        print(
            f"{category:14} {n:6} "
            + " ".join(f"{counts[c]:13}" for c in columns)
            + f" {100 * right / n:14.2f}%"
        )
    print(f"\n{'method':14} {'n':>6} {'precision (auto)':>17} {'auto share':>11}")
    for method in Method:
        counts = by_method.get(method.value)
        if not counts:
            continue
        n = sum(counts.values())
        auto = counts["auto-right"] + counts["auto-WRONG"]
        precision = 100 * counts["auto-right"] / auto if auto else float("nan")
        print(f"{method.value:14} {n:6} {precision:16.2f}% {100 * auto / n:10.1f}%")
    real = outcomes["real"]
    real_right = 100 * (real["auto-right"] + real["review-right"]) / sum(real.values())
    print(f"\nreal names resolved to the right facility: {real_right:.2f}% (goal >= 99%)")
    print(f"wrong automatic matches: {len(wrong)} (goal 0)")
    for item in wrong[:20]:
        print("  WRONG", item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
