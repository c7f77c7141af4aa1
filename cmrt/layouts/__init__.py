"""Template layouts as data: what each CMRT family prints, and where, read by one engine (``cmrt.read``).

The reader finds fields, questions and columns by their English label text (taken from the hidden
``L`` translation sheet when the file was saved in another UI language), so versions with no file in
hand (4.x, 5.x) and shifted rows read correctly. The per-family tables below are the fallback for cells
whose label cannot be read (a translated 2.0x file has no ``L`` sheet) and hold what differs between
families: question numbering, default rows and columns, the date system and the look-up sheet.

A new CMRT release is a new :class:`Family` entry (or none, when its labels match an existing one)
plus a real-file test.
"""

from __future__ import annotations

import re

import attrs

from cmrt.layouts.vocabulary import (
    COMPANY_PATTERNS,
    DECLARATION_PATTERNS,
    HEADER_PATTERNS,
    LOOKUP_PATTERNS,
    PRODUCT_PATTERNS,
    QUESTION_PATTERNS,
    key_for,
)

__all__ = [
    "COMPANY_PATTERNS",
    "DECLARATION_PATTERNS",
    "FAMILIES",
    "HEADER_PATTERNS",
    "LOOKUP_PATTERNS",
    "PRODUCT_PATTERNS",
    "QUESTION_PATTERNS",
    "Family",
    "family_for",
    "key_for",
]


@attrs.frozen
class Family:
    """What one group of template versions shares."""

    name: str
    version_pattern: str
    """Regex matched against the printed version (``"6.5"``) to pick this family."""
    questions: dict[str, str]
    """Printed question number -> stable key, used when a question's text cannot be read."""
    company_questions: dict[str, str]
    """Printed letter -> stable key."""
    declaration_rows: dict[str, int]
    """Field key -> default row of its answer cell in column D (1-based)."""
    first_question_row: int
    company_first_row: int
    """Row of company-level question A (the others follow every second row)."""
    smelter_sheet: str = "Smelter List"
    smelter_header_row: int = 4
    smelter_columns: dict[str, int] = attrs.field(factory=dict)
    """Field key -> default 1-based column, for headers that cannot be read."""
    lookup_sheet: str | None = None
    """The template's own smelter catalogue (to recompute formula cells that have no cached value)."""
    date_1904: bool = False
    """CFSI / EICC-GeSI templates use Excel's 1904 date system; RMI 6.x uses 1900."""
    metal_order: tuple[str, ...] = ("Tantalum", "Tin", "Gold", "Tungsten")
    date_parts: tuple[int, int, int] | None = None
    """CMRT 1 splits the date into day, month and year cells: their 1-based columns on the date's row."""
    smelter_last_row: int = 2504
    """Last data row of the Smelter List; below it some versions keep hidden list tables."""


_DECL_3_AND_LATER = {
    "company_name": 8, "scope": 9, "scope_description": 10, "company_id": 12, "company_id_authority": 13,
    "address": 14, "contact_name": 15, "contact_email": 16, "contact_phone": 17, "authorizer_name": 18,
    "authorizer_title": 19, "authorizer_email": 20, "authorizer_phone": 21, "effective_date": 22,
}  # fmt: skip
_DECL_2 = {
    "company_name": 8, "scope": 9, "scope_description": 10, "company_id": 12, "address": 13,
    "authorizer_name": 14, "authorizer_title": 15, "authorizer_email": 16, "authorizer_phone": 17,
    "effective_date": 18,
}  # fmt: skip
_DECL_1 = {
    "company_name": 7, "company_id": 8, "address": 9, "authorizer_name": 10, "authorizer_title": 11,
    "authorizer_email": 12, "authorizer_phone": 13, "contact_name": 14, "contact_email": 15,
    "contact_phone": 16, "effective_date": 17,
}  # fmt: skip

_SMELTER_COLS_6 = {
    "smelter_id_input": 1, "metal": 2, "lookup_name": 3, "name": 4, "country": 5, "smelter_id": 6,
    "id_source": 7, "street": 8, "city": 9, "state_province": 10, "contact_name": 11, "contact_email": 12,
    "next_steps": 13, "mine_names": 14, "mine_countries": 15, "recycled_scrap": 16, "comments": 17,
    "standard_name": 18,
}  # fmt: skip
_SMELTER_COLS_3 = {k: v for k, v in _SMELTER_COLS_6.items() if k not in ("smelter_id_input", "standard_name")}
_SMELTER_COLS_2_02 = {
    "metal": 2, "lookup_name": 3, "name": 4, "country": 5, "smelter_id": 6, "street": 7, "city": 8,
    "state_province": 9, "contact_name": 10, "contact_email": 11, "next_steps": 12, "mine_names": 13,
    "mine_countries": 14, "comments": 15,
}  # fmt: skip
_SMELTER_COLS_2_00 = {
    "smelter_id": 1, "metal": 2, "lookup_name": 3, "name": 4, "country": 5, "street": 6, "city": 7,
    "state_province": 8, "contact_name": 9, "contact_email": 10, "next_steps": 11, "mine_names": 12,
    "mine_countries": 13, "comments": 14,
}  # fmt: skip

_Q_6 = {
    "1": "intentionally_added", "2": "remains_in_product", "3": "covered_countries", "4": "cahra",
    "5": "recycled_scrap", "6": "supplier_response", "7": "all_smelters_identified",
    "8": "all_smelter_info_reported",
}  # fmt: skip
_Q_3_TO_5 = {
    "1": "intentionally_added", "2": "remains_in_product", "3": "covered_countries", "4": "recycled_scrap",
    "5": "supplier_response", "6": "all_smelters_identified", "7": "all_smelter_info_reported",
}  # fmt: skip
_Q_2 = {
    "1": "necessary_to_product", "2": "covered_countries", "3": "recycled_scrap", "4": "supplier_response",
    "5": "all_smelters_identified", "6": "all_smelters_validated",
}  # fmt: skip
_Q_1 = {
    "1": "necessary_to_product", "2": "covered_countries", "3": "recycled_scrap",
    "4": "all_smelters_identified", "5": "all_smelters_validated",
}  # fmt: skip

_C_6 = dict(zip("ABCDEFGH", (
    "policy", "policy_public", "require_validated_smelters", "due_diligence", "supplier_survey",
    "review_supplier_information", "corrective_action", "annual_disclosure"), strict=False))  # fmt: skip
_C_5 = dict(zip("ABCDEFGHI", (
    "policy", "policy_public", "require_suppliers_conflict_free", "require_validated_smelters",
    "due_diligence", "supplier_survey", "review_supplier_information", "corrective_action",
    "annual_disclosure"), strict=False))  # fmt: skip
_C_2_TO_4 = dict(zip("ABCDEFGHIJ", (
    "policy", "policy_public", "require_suppliers_conflict_free", "require_validated_smelters",
    "due_diligence", "supplier_survey", "request_smelter_names", "review_supplier_information",
    "corrective_action", "annual_disclosure"), strict=False))  # fmt: skip
_C_1 = dict(zip("ABCDEFGHIJK", (
    "policy", "policy_public", "require_suppliers_conflict_free", "require_validated_smelters",
    "due_diligence", "templates_from_all_suppliers", "supplier_survey", "request_smelter_names",
    "review_supplier_information", "corrective_action", "annual_disclosure"), strict=False))  # fmt: skip

FAMILIES: tuple[Family, ...] = (
    Family(
        name="CMRT 6", version_pattern=r"^6(\.|$)", questions=_Q_6, company_questions=_C_6,
        declaration_rows=_DECL_3_AND_LATER, first_question_row=25, company_first_row=75,
        smelter_columns=_SMELTER_COLS_6, lookup_sheet="Smelter Look-up",
    ),
    Family(
        # 5.x layout is inferred from the 6.5 Revision tab (no 5.x file in hand): 3.x-style rows,
        # Q1-Q7, company A-I, 6.x Smelter List columns with the ID input column and hidden R/S/T.
        name="CMRT 5", version_pattern=r"^5(\.|$)", questions=_Q_3_TO_5, company_questions=_C_5,
        declaration_rows=_DECL_3_AND_LATER, first_question_row=25, company_first_row=69,
        smelter_columns=_SMELTER_COLS_6, lookup_sheet="Smelter Look-up",
    ),
    Family(
        # 4.0 renamed "Standard Smelter Names" to "Smelter Reference List"; 4.1 added the ID input column.
        name="CMRT 4", version_pattern=r"^4(\.|$)", questions=_Q_3_TO_5, company_questions=_C_2_TO_4,
        declaration_rows=_DECL_3_AND_LATER, first_question_row=25, company_first_row=69,
        smelter_columns=_SMELTER_COLS_6, lookup_sheet="Smelter Reference List",
    ),
    Family(
        name="CMRT 3", version_pattern=r"^3(\.|$)", questions=_Q_3_TO_5, company_questions=_C_2_TO_4,
        declaration_rows=_DECL_3_AND_LATER, first_question_row=25, company_first_row=69,
        smelter_columns=_SMELTER_COLS_3, lookup_sheet="K", date_1904=True,
    ),
    Family(
        name="CMRT 2.02-2.03a", version_pattern=r"^2\.0[23]", questions=_Q_2, company_questions=_C_2_TO_4,
        declaration_rows=_DECL_2, first_question_row=21, company_first_row=59,
        smelter_columns=_SMELTER_COLS_2_02, lookup_sheet="K", date_1904=True,
    ),
    Family(
        name="CMRT 2.00-2.01", version_pattern=r"^2(\.0[01])?$", questions=_Q_2, company_questions=_C_2_TO_4,
        declaration_rows=_DECL_2, first_question_row=21, company_first_row=59,
        smelter_columns=_SMELTER_COLS_2_00, date_1904=True,
        smelter_last_row=1001,
    ),
    Family(
        name="CMRT 1", version_pattern=r"^1(\.|$)", questions=_Q_1, company_questions=_C_1,
        declaration_rows=_DECL_1, first_question_row=19, company_first_row=51,
        smelter_sheet="Smelter and Mine List",
        smelter_columns={"metal": 2, "name": 4, "country": 6, "contact_name": 8, "contact_email": 10,
                         "next_steps": 14, "mine_names": 16, "mine_countries": 18, "comments": 24},
        date_1904=True, date_parts=(5, 8, 10),
    ),
)  # fmt: skip


def family_for(version: str) -> Family:
    """The family of a printed version; unknown future versions read as the newest family.

    >>> family_for("6.5").name, family_for("3.01").name, family_for("2.03a").name, family_for("2").name
    ('CMRT 6', 'CMRT 3', 'CMRT 2.02-2.03a', 'CMRT 2.00-2.01')
    >>> family_for("7.0").name
    'CMRT 6'
    """
    for family in FAMILIES:
        if re.search(family.version_pattern, version):
            return family
    return FAMILIES[0]
