"""AMRT layouts (RMI's Additional Minerals Reporting Template, formerly the Pilot Reporting Template): 1.2, 1.3.

Read from RMI's 1.2 and 1.3 workbooks (English labels from the hidden ``L`` sheet, options from the answer
cells' data validations). Two per-mineral questions, no company-level ones; up to ten minerals, chosen in
D12:I13 and sorted alphabetically by the template into the rows under each question. In 1.2 (and 1.1, 1.21,
same cells by their Revision entries and cirscn's anchors) the minerals are typed as free text: the family
lists none. 1.3 picks them from a list, with "Other [specify below]" typed in D15:I16, and adds a Smelter
Look-up with the CMRT-style Smelter List columns; 1.31 has 1.3's anchors in cirscn's code (no file).
"""

from __future__ import annotations

from cmrt.layouts.model import Column, Family, Question, Release
from cmrt.layouts.shared import (
    LOOKUP_6,
    MINES,
    PRODUCTS_3,
    PRODUCTS_5,
    RESPONSE,
    SMELTER_DETAILS,
    company_fields,
    smelter_columns_6,
)

__all__ = ["FAMILIES"]

_TITLE = "Additional Minerals Reporting Template (AMRT)"
_LANGUAGES = ("English", "中文 Chinese", "日本語 Japanese", "한국어 Korean", "Français", "Deutsch")
"""German since 1.2 (its Revision entry); 1.1 had the first five."""


def _questions(first: int) -> tuple[Question, ...]:
    """Questions 1 and 2, twelve rows apart, ten mineral rows under each."""
    return (
        Question("1", "intentionally_added", first, "1) Is any of the following minerals or metals intentionally "
                 "added or used in the product(s) or in the production process? (*)",
                 ("Yes", "No", "Unknown", "Not declaring"), per_mineral=True),
        Question("2", "supplier_response", first + 12, "2) What percentage of relevant suppliers have provided a "
                 "response to your supply chain survey? ",
                 (*RESPONSE, "Unknown", "Did not survey"), per_mineral=True),
    )  # fmt: skip


_SELECTION = ("D12", "E12", "G12", "H12", "I12", "D13", "E13", "G13", "H13", "I13")
"""The ten mineral cells (E:F merged), in the order the template reads them before sorting."""

_SMELTERS_1_2 = tuple(Column(key, col, header) for col, (key, header) in (
    (1, ("metal", "Metal (*)")),
    (2, ("name", "Smelter Name (*)")),
    (3, ("country", "Smelter Country (*)")),
    *enumerate(SMELTER_DETAILS, 4),
    # P (16) is "Standard Smelter Name (Not in use)": never filled, so not read.
    (17, ("country_code", "Country Code")),
    (18, ("state_code", "State / Province Code")),
))  # fmt: skip
"""No ID input and no look-up: metal, typed name and country first (Q, R hidden)."""

FAMILIES: tuple[Family, ...] = (
    Family(
        template="AMRT", name="AMRT 1.3", version_pattern=r"^1\.3", title=_TITLE,
        releases=(
            Release("1.3", "October 17, 2025"),
            Release("1.31", ""),  # cirscn's anchors only; no file, date unknown; adds six minerals to the list
        ),
        sheets=(("Revision", False), ("Instructions", False), ("Definitions", False), ("Declaration", False),
                ("Minerals Scope", False), ("Smelter List", False), ("Checker", False), ("Mine List", False),
                ("Product List", False), ("Smelter Look-up", False), ("L", True), ("C", True), ("SorP", True)),
        languages=_LANGUAGES, fields=company_fields(17),
        minerals=("Aluminum", "Iridium", "Lime", "Manganese", "Palladium", "Platinum", "Rare Earth Elements",
                  "Rhodium", "Ruthenium", "Silver", "Soda Ash", "Zinc"),
        mineral_rows=10, questions=_questions(30), company_questions=(), selection_cells=_SELECTION,
        other_mineral_cells=("D15", "E15", "G15", "H15", "I15", "D16", "E16", "G16", "H16", "I16"),
        smelter_last_row=2504, smelter_columns=smelter_columns_6("Smelter Name (*)"), lookup_sheet="Smelter Look-up",
        lookup_columns=LOOKUP_6, mine_sheet="Mine List", mine_columns=MINES, product_columns=PRODUCTS_5,
        product_footer_row=2006,
    ),
    Family(
        # Also claims the PRT's 1.0/1.01 (no Mine List then; no file): the nearest layout known.
        template="AMRT", name="AMRT 1.2", version_pattern=r"^1(\.[0-2]|$)", title=_TITLE,
        releases=(
            Release("1.1", "October 27, 2023"),  # from the 1.3 Revision tab; still titled Pilot Reporting Template
            Release("1.2", "October 4, 2024"),
            Release("1.21", "May 16, 2025"),  # from the 1.3 Revision tab: Minerals Scope text only
        ),
        sheets=(("Instructions", False), ("Revision", False), ("Definitions", False), ("Declaration", False),
                ("Minerals Scope", False), ("Smelter List", False), ("Checker", False), ("Mine List", False),
                ("Product List", False), ("L", True), ("C", True), ("SorP", True)),
        languages=_LANGUAGES, fields=company_fields(14),
        minerals=(),  # typed as free text in the selection cells: no list to give
        mineral_rows=10, questions=_questions(27), company_questions=(), selection_cells=_SELECTION,
        smelter_last_row=2504, smelter_columns=_SMELTERS_1_2, mine_sheet="Mine List", mine_columns=MINES,
        product_columns=PRODUCTS_3, product_footer_row=2006,
    ),
)  # fmt: skip
