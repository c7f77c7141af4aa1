"""The bundled examples: one supplier's CMRT, and a small survey (four suppliers' CMRTs, one supplier's
EMRT too, and an illustrative reference of made-up facilities). ``python tools/build_example.py`` writes
them under cmrt/examples/."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence

from cmrt.layouts import family_for
from cmrt.layouts.cmrt import METALS_ORDER
from cmrt.testing.builder import build_cmrt, build_report
from cmrt.testing.examples_data import EXAMPLE_LOOKUP, EXAMPLE_MINERALS_LOOKUP
from cmrt.testing.rows import MineRow, SmelterRow

__all__ = ["example_emrt", "example_survey", "example_workbook"]


_EXAMPLE_DECLARATION: Mapping[str, object] = {
    "company_name": "Example Components Ltd.",
    "scope": "A. Company",
    "company_id": "EX-0001",
    "company_id_authority": "Example registry",
    "address": "1 Example Road, Sampleton",
    "contact_name": "Alex Example",
    "contact_email": "alex@example.com",
    "contact_phone": "+1 555 0100",
    "authorizer_name": "Sam Example",
    "authorizer_title": "Head of Compliance",
    "authorizer_email": "sam@example.com",
    "effective_date": dt.date(2025, 3, 15),
}


def _declaration(company: str, **changes: object) -> dict[str, object]:
    """The example declaration for another (made-up) company."""
    return {**_EXAMPLE_DECLARATION, "company_name": company, **changes}


def _complete_answers(in_scope: Sequence[str], **changed: object) -> dict[tuple[str, str], object]:
    """Answers to every per-metal question as a careful supplier gives them; ``changed`` keyed "q3_Gold"."""
    answers: dict[tuple[str, str], object] = {
        ("1", m): "Yes" if m in in_scope else "No" for m in METALS_ORDER
    }
    for metal in in_scope:
        answers |= {("2", metal): "Yes", ("6", metal): "100%"}
        answers |= {(q, metal): "No" for q in ("3", "4", "5")} | {(q, metal): "Yes" for q in ("7", "8")}
    for key, value in changed.items():
        question, metal = key[1:].split("_")
        answers[(question, metal)] = value
    return answers


_COMPANY_ANSWERS = {letter: "Yes" for letter in "ABCDFG"} | {
    "E": "Yes, in conformance with IPC1755 (e.g., CMRT)",
    "H": "No",
}
_POLICY_URL = {"B": "https://example.com/responsible-minerals-policy"}


def example_workbook() -> bytes:
    """The workbook shipped as ``cmrt.example_path()``: a supplier's CMRT 6.5, illustrative data only."""
    return build_cmrt(
        version="6.5",
        declaration=_EXAMPLE_DECLARATION,
        answers={
            **{("1", m): "Yes" for m in ("Tin", "Gold")},
            **{("1", m): "No" for m in ("Tantalum", "Tungsten")},
            **{("2", m): "Yes" for m in ("Tin", "Gold")},
            **{(q, m): "No" for q in ("3", "4", "5") for m in ("Tin", "Gold")},
            **{("6", m): "Greater than 90%" for m in ("Tin", "Gold")},
            **{(q, m): "Yes" for q in ("7", "8") for m in ("Tin", "Gold")},
        },
        company_answers={letter: "Yes" for letter in "ABCDFG"}
        | {"E": "Yes, in conformance with IPC1755 (e.g., CMRT)", "H": "No"},
        company_comments={"B": "https://example.com/responsible-minerals-policy"},
        smelters=[
            SmelterRow(metal="Gold", lookup="Example Gold Refinery Ltd."),
            SmelterRow(metal="Gold", lookup="Fictional Bullion AG"),
            SmelterRow(smelter_id_input="CID900201"),
            SmelterRow(metal="Tin", lookup="Smelter not listed", name="Sample Tin Works", country="BOLIVIA"),
            SmelterRow(metal="Tin", lookup="Smelter not yet identified"),
        ],
    )


ILLUSTRATIVE_NOTE = "ILLUSTRATIVE DATA made by cmrt.testing: fictitious facilities and IDs, NOT RMI data"

_EXAMPLE_STATUSES = {  # CID -> (status, last audit, audit cycle) on the illustrative status list
    "CID900001": ("Conformant", "2024-05-10", "1 Year"),
    "CID900002": ("Conformant", "2022-11-02", "3 Years"),
    "CID900003": ("Active", "", ""),
    "CID900101": ("Conformant", "2023-09-30", "1 Year"),
    "CID900201": ("Conformant", "2024-02-14", "1 Year"),
    "CID900202": ("Conformant", "2024-06-01", "1 Year"),
    "CID900203": ("Active", "", ""),
    "CID900301": ("Conformant", "2023-03-20", "3 Years"),
    "CID990001": ("Conformant", "2024-04-22", "1 Year"),
    "CID990002": ("Active", "", ""),
    "CID990101": ("Non-Conformant", "", ""),
}


def _csv_text(rows: Sequence[Sequence[object]]) -> bytes:

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def example_emrt() -> bytes:
    """Example Components' EMRT 2.1 beside its CMRT: cobalt and mica, by look-up alias, typed ID and a
    hand-typed mica processor, with a cobalt mine in the DRC on the Mine List."""
    minerals = ("Cobalt", "Mica")
    return build_report(
        "EMRT",
        version="2.1",
        minerals=minerals,
        declaration={k: v for k, v in _EXAMPLE_DECLARATION.items() if k != "company_id_authority"},
        answers={("1", m): "Yes" for m in minerals}
        | {("2", m): "Yes" for m in minerals}
        | {(q, m): "No" for q in ("3", "4") for m in minerals}
        | {("5", m): "100%" for m in minerals}
        | {(q, m): "Yes" for q in ("6", "7") for m in minerals},
        company_answers={letter: "Yes" for letter in "ABDFG"}
        | {("C", m): "Yes" for m in minerals}
        | {"E": "Yes, in conformance with IPC1755 (e.g. EMRT)"},
        company_comments={"B": "https://example.com/responsible-minerals-policy"},
        smelters=[
            SmelterRow(metal="Cobalt", lookup="ECR Lubumbashi"),
            SmelterRow(smelter_id_input="CID990002"),
            SmelterRow(metal="Mica", lookup="Illustrative Mica Processors Pvt. Ltd."),
            SmelterRow(
                metal="Mica", lookup="Smelter not listed", name="Village Mica Collective", country="India"
            ),
        ],
        mines=[MineRow("Cobalt", "Example Cobalt Refinery SARL", "Example Hill Mine", country="DRC")],
        lookup=[r for r in EXAMPLE_MINERALS_LOOKUP if r.metal in family_for("2.1", "EMRT").minerals],
    )


def example_survey() -> dict[str, bytes]:
    """The survey shipped as ``cmrt.example_survey_path()``: four suppliers' CMRTs, one supplier's EMRT,
    and an illustrative reference (a look-up list, a status list and a revision history: made-up
    facilities, not RMI data).

    The suppliers fill their templates four ways: a 6.5 by look-up (the single bundled example) with an
    EMRT 2.1 for cobalt and mica beside it, a 6.22 in the German UI by typed IDs with a mine in the DRC, a
    3.01 ``.xls`` with a hand-typed, misspelt smelter, and a 6.31 written by a tool that never
    recalculated it, with placeholder rows and a metal it declares out of scope.
    """
    files = {
        "suppliers/example_components_cmrt_6.5.xlsx": example_workbook(),
        "suppliers/example_components_emrt_2.1.xlsx": example_emrt(),
        "suppliers/sample_circuits_cmrt_6.22.xlsx": build_cmrt(
            version="6.22",
            language="Deutsch",
            declaration=_declaration("Sample Circuits GmbH", contact_email="compliance@example.de"),
            answers=_complete_answers(METALS_ORDER, q3_Tungsten="Yes"),
            company_answers=_COMPANY_ANSWERS,
            company_comments=_POLICY_URL,
            smelters=[
                SmelterRow(smelter_id_input="CID900001"),
                SmelterRow(smelter_id_input="CID900003"),
                SmelterRow(smelter_id_input="CID900303", mine_names="Example Mine", mine_countries="DRC"),
                SmelterRow(smelter_id_input="CID900301"),
                SmelterRow(smelter_id_input="CID900202"),
                SmelterRow(smelter_id_input="CID900102"),
            ],
        ),
        "suppliers/demo_plastics_cmrt_3.01.xls": build_cmrt(
            version="3.01",
            fmt="xls",
            declaration=_declaration("Demo Plastics Co.", contact_email=None),
            answers={(q, m): "Yes" for q in ("1", "2") for m in METALS_ORDER},  # the rest left blank
            smelters=[
                SmelterRow(metal="Tin", lookup="Example Tin Smelter Sdn. Bhd."),
                SmelterRow(metal="Gold", lookup="EGR Refining"),
                SmelterRow(
                    metal="Tin",
                    lookup="Smelter Not Listed",
                    name="Mock Tin Metals SA",
                    country="Peru",
                    recycled="Yes",
                ),
                SmelterRow(
                    metal="Tantalum",
                    lookup="Smelter Not Listed",
                    name="Unheard-of Tantalum Co",
                    country="USA",
                ),
            ],
        ),
        "suppliers/mock_metals_cmrt_6.31.xlsx": build_cmrt(
            version="6.31",
            recalculated=False,
            declaration=_declaration("Mock Metals Inc."),
            answers=_complete_answers(("Tin", "Gold", "Tungsten")),
            company_answers=_COMPANY_ANSWERS,
            company_comments=_POLICY_URL,
            smelters=[
                SmelterRow(metal="Gold", lookup="Fictional Bullion AG"),
                SmelterRow(metal="Tungsten", lookup="Fictitious Wolfram Industries"),
                SmelterRow(metal="Tantalum", lookup="Demo Tantalum Smelting GmbH"),
                SmelterRow(metal="Tin", lookup="Smelter not yet identified"),
                SmelterRow(metal="Gold", lookup="Smelter not yet identified"),
            ],
        ),
    }
    lookup = [
        [ILLUSTRATIVE_NOTE],
        ["Metal", "Smelter Look-up", "Standard Smelter Name", "Country", "Smelter ID", "City"],
        *(
            [r.metal, r.alias, r.standard_name, r.country, r.smelter_id, r.city]
            for r in (*EXAMPLE_LOOKUP, *EXAMPLE_MINERALS_LOOKUP)
        ),
    ]
    standard = {
        r.smelter_id: r for r in (*EXAMPLE_LOOKUP, *EXAMPLE_MINERALS_LOOKUP) if r.alias == r.standard_name
    }
    lists = [
        [ILLUSTRATIVE_NOTE],
        [
            "Metal",
            "Smelter ID",
            "Standard Smelter Name",
            "Country Location",
            "Last Audit Date",
            "Audit Cycle",
            "Type",
        ],
        *(
            [
                standard[cid].metal,
                cid,
                standard[cid].standard_name,
                standard[cid].country,
                audit,
                cycle,
                status,
            ]
            for cid, (status, audit, cycle) in _EXAMPLE_STATUSES.items()
        ),
    ]
    history = [
        [ILLUSTRATIVE_NOTE],
        [
            "Metal",
            "Smelter ID",
            "Standard Smelter Name",
            "Country",
            "Basis for Revision",
            "Details",
            "Revision Date",
        ],
        [
            "Tantalum",
            "CID900102",
            "Placeholder Niobium-Tantalum Plant",
            "BRAZIL",
            "Removed",
            "No longer an operating smelter / refiner",
            "2024-08-01",
        ],
    ]
    files["reference/illustrative_smelter_lookup.csv"] = _csv_text(lookup)
    files["reference/illustrative_status_list.csv"] = _csv_text(lists)
    files["reference/illustrative_revision_history.csv"] = _csv_text(history)
    return files
