"""EMRT layouts (RMI's Extended Minerals Reporting Template): 1.x (cobalt and mica) and 2.x (six minerals).

EMRT 1: 1.1, 1.11 and 1.2 read from RMI's workbooks (English labels from the hidden ``L`` sheet, answer
options from the answer cells' data validations); 1.3 shares their cells (cmrt_layouts.md §6, its date from
the 2.1 Revision tab). EMRT 2: 2.0 and 2.1 read from the workbooks; 2.11 has the same anchors in cirscn's
code (no file in hand). Under each question one row per mineral: cobalt then mica in 1.x; in 2.x the
minerals chosen in the selection cells, sorted alphabetically by the template.
"""

from __future__ import annotations

from cmrt.layouts.model import Family, Release
from cmrt.layouts.shared import (
    LOOKUP_6,
    MINES,
    PRODUCTS_3,
    PRODUCTS_5,
    RESPONSE,
    YES_NO,
    YES_NO_UNKNOWN,
    company_fields,
    lettered_questions,
    numbered_questions,
    smelter_columns_6,
)

__all__ = ["FAMILIES"]

_TITLE_1 = "Extended Mineral Reporting Template (EMRT)"
_TITLE_2 = "Extended Minerals Reporting Template (EMRT)"
"""2.1's title; 2.0 still prints the singular "Extended Mineral Reporting Template (EMRT)"."""

_LANGUAGES_1 = ("English", "中文 Chinese", "日本語 Japanese", "한국어 Korean", "Français")
"""1.1-1.2; 1.3 added German (its Revision entry), as 2.x has it."""
_LANGUAGES_2 = (*_LANGUAGES_1, "Deutsch")


_VALIDATED = ("Yes", "Yes, when more processors are validated", "No")
"""Company question C: mica's list (cobalt's is Yes/No in 1.x); every mineral's in 2.x."""
_SURVEY = ("Yes, in conformance with IPC1755 (e.g. EMRT)", "Yes, Using Other Format (Describe)", "No")
_CAHRA_1 = ("Yes", "No", "Unknown", "DRC only", "India and/or Madagascar only")
"""1.x question 3: cobalt's row adds "DRC only", mica's "India and/or Madagascar only"."""

_PUBLIC = (
    "B. Is your responsible minerals sourcing policy publicly available on your website? (Note – If yes, "
    "the user shall specify the URL in the comment field.) "
)
_REVIEW = "F. Do you review due diligence information received from your suppliers against your company’s expectations? "
_CORRECTIVE = "G. Does your review process include corrective action management? "

_QUESTIONS_1 = numbered_questions(25, 6, (
    ("intentionally_added", "1) Is any of the cobalt or natural mica intentionally added or used in the product(s) "
     "or in the production process? (*)", (*YES_NO_UNKNOWN, "Not applicable for this declaration")),
    ("remains_in_product", "2) Does any cobalt or natural mica remain in the product(s)? (*)", YES_NO_UNKNOWN),
    ("cahra", "3) Do any of the smelters or processors in your supply chain source the cobalt or natural mica from "
     "conflict-affected and high-risk areas? (OECD Due Diligence Guidance, see definitions tab) ", _CAHRA_1),
    # Question 4 is asked for cobalt only: its mica row (44 + 1) has no label and no Checker rule.
    ("recycled_scrap", "4) Does 100 percent of the cobalt originate from recycled or scrap sources? ",
     YES_NO_UNKNOWN),
    ("supplier_response", "5) What percentage of relevant suppliers have provided a response to your supply chain "
     "survey?", RESPONSE),
    ("all_smelters_identified", "6) Have you identified all of the smelters or processors supplying the cobalt or "
     "natural mica to your supply chain?", YES_NO_UNKNOWN),
    ("all_smelter_info_reported", "7) Has all applicable smelter or processor information received by your company "
     "been reported in this declaration?", YES_NO_UNKNOWN),
), only={"4": ("Cobalt",)})  # fmt: skip
_COMPANY_1 = lettered_questions((69, 71, 73, 77, 79, 81, 83), per_mineral="C", texts=(
    ("policy", "A. Have you established a responsible minerals sourcing policy?", YES_NO),
    ("policy_public", _PUBLIC, YES_NO),
    ("require_validated_smelters", "C. Do you require your direct suppliers to source cobalt from smelters or natural "
     "mica from processors whose due diligence practices have been validated by an independent third-party audit "
     "program?", _VALIDATED),
    ("due_diligence", "D. Have you implemented due diligence measures for responsible sourcing?", YES_NO),
    ("supplier_survey", "E. Does your company conduct cobalt and/or natural mica supply chain survey(s) of your "
     "relevant supplier(s)?", _SURVEY),
    ("review_supplier_information", _REVIEW, YES_NO),
    ("corrective_action", _CORRECTIVE, YES_NO),
))  # fmt: skip
_QUESTIONS_2 = numbered_questions(29, 12, (
    ("intentionally_added", "1) Is any of the specified mineral/metal intentionally added or used in the product(s) "
     "or in the production process? (*)", (*YES_NO_UNKNOWN, "Not declaring")),
    ("remains_in_product", "2) Does any of the specified mineral/metal remain in the product(s)? ", YES_NO_UNKNOWN),
    ("cahra", "3) Do any of the smelters or processors in your supply chain source the specified mineral/metal from "
     "conflict-affected and high-risk areas? (OECD Due Diligence Guidance, see definitions tab) ", YES_NO_UNKNOWN),
    # 2.0 prints "minaral" for "mineral" here.
    ("recycled_scrap", "4) Does 100 percent of the specified mineral/metal originate from recycled or scrap "
     "sources?", YES_NO_UNKNOWN),
    ("supplier_response", "5) What percentage of relevant suppliers have provided a response to your supply chain "
     "survey?", (*RESPONSE, "Did not survey")),
    ("all_smelters_identified", "6) Have you identified all of the smelters or processors supplying the specified "
     "minerals/metal to your supply chain?", YES_NO_UNKNOWN),
    ("all_smelter_info_reported", "7) Has all applicable smelter or processor information received by your company "
     "been reported in this declaration?", YES_NO_UNKNOWN),
))  # fmt: skip
_COMPANY_2 = lettered_questions((115, 117, 119, 131, 133, 135, 137), per_mineral="C", texts=(
    ("policy", "A. Have you established a responsible minerals sourcing policy?", YES_NO),
    ("policy_public", _PUBLIC, YES_NO),
    ("require_validated_smelters", "C. Do you require your direct suppliers to source the specified minerals/metals "
     "from smelters whose due diligence practices have been validated by an independent third-party audit "
     "program?", _VALIDATED),
    ("due_diligence", "D. Have you implemented due diligence measures for responsible sourcing?", YES_NO),
    ("supplier_survey", "E. Does your company conduct supply chain survey(s) of your relevant supplier(s) on the "
     "specified minerals/metals?", _SURVEY),
    ("review_supplier_information", _REVIEW, YES_NO),
    ("corrective_action", _CORRECTIVE, YES_NO),
))  # fmt: skip


_SHEETS_1 = (("Instructions", False), ("Revision", False), ("Definitions", False), ("Declaration", False),
             ("Smelter List", False), ("Checker", False), ("Product List", False), ("Smelter Look-up", False),
             ("L", True), ("C", True), ("SorP", True))  # fmt: skip
_SHEETS_2 = (("Revision", False), ("Instructions", False), ("Definitions", False), ("Declaration", False),
             ("Smelter List", False), ("Checker", False), ("Mine List", False), ("Product List", False),
             ("Smelter Look-up", False), ("L", True), ("C", True), ("SorP", True))  # fmt: skip
"""2.1's order; 2.0 has Instructions before Revision."""

FAMILIES: tuple[Family, ...] = (
    Family(
        template="EMRT", name="EMRT 2", version_pattern=r"^2(\.|$)", title=_TITLE_2,
        releases=(
            Release("2.0", "April 25, 2025", product_labels=("Responder’s Product Number (*)", "Responder’s Product Name")),
            Release("2.1", "October 17, 2025"),
            Release("2.11", ""),  # cirscn's anchors only; no file, date unknown
        ),
        sheets=_SHEETS_2, languages=_LANGUAGES_2, fields=company_fields(16),
        minerals=("Cobalt", "Copper", "Graphite", "Lithium", "Mica", "Nickel"), mineral_rows=10,
        questions=_QUESTIONS_2, company_questions=_COMPANY_2,
        selection_cells=("D12", "E12", "G12", "D13", "E13", "G13"),
        # Formulas run to row 2504 in 2.0 but stop at 2497 in 2.1 (rows 2498-2504 are empty there).
        smelter_last_row=2504, smelter_columns=smelter_columns_6("Smelter Name (*)"),
        lookup_sheet="Smelter Look-up", lookup_columns=LOOKUP_6, mine_sheet="Mine List", mine_columns=MINES,
        product_columns=PRODUCTS_5, product_footer_row=1001,
    ),
    Family(
        template="EMRT", name="EMRT 1", version_pattern=r"^1(\.|$)", title=_TITLE_1,
        releases=(
            Release("1.1", "October 14, 2022"),
            Release("1.11", "November 4, 2022"),
            Release("1.2", "May 12, 2023"),
            Release("1.3", "April 26, 2024"),  # no file in hand: date from the 2.1 Revision tab
        ),
        sheets=_SHEETS_1, languages=_LANGUAGES_1, fields=company_fields(12), minerals=("Cobalt", "Mica"), mineral_rows=2,
        questions=_QUESTIONS_1, company_questions=_COMPANY_1,
        smelter_last_row=2500, smelter_columns=smelter_columns_6("Smelter Name (1)"),
        lookup_sheet="Smelter Look-up", lookup_columns=LOOKUP_6, product_columns=PRODUCTS_3, product_footer_row=1001,
    ),
)  # fmt: skip
