"""CRT layout (RMI's Cobalt Reporting Template), 2.2: cobalt only, the EMRT's predecessor.

Read from RMI's 2.2 workbook and the file cirscn/cm-reporting names 2.21, which prints 2.2 everywhere
(Declaration!J3, Smelter List!Q3, last Revision row) and has the same labels and validations; it only
restores the look-up formulas that 2.2 lacks in Smelter List rows 5-211. English labels come from the
hidden ``L`` sheet, options from the answer cells' data validations. Company information is in CMRT 6's
cells; six questions with one (cobalt) row each; nine company questions, A-I.
"""

from __future__ import annotations

from cmrt.layouts.model import Family, Release
from cmrt.layouts.shared import (
    LOOKUP_6,
    PRODUCTS_3,
    RESPONSE,
    YES_NO,
    YES_NO_UNKNOWN,
    company_fields,
    lettered_questions,
    numbered_questions,
    smelter_columns_6,
)

__all__ = ["FAMILIES"]


_QUESTIONS = numbered_questions(25, 6, (
    ("intentionally_added", "1) Is any of the cobalt intentionally added or used in the product(s) or in the "
     "production process?  (*)", YES_NO_UNKNOWN),
    ("cahra", "2) Do any of the smelters in your supply chain source the cobalt from a Conflict-Affected and "
     "High-Risk area? (OECD Due Diligence Guidance, see definitions tab) ",
     (*YES_NO_UNKNOWN, "DRC or adjoining countries only")),
    ("recycled_scrap", "3) Does 100 percent of the cobalt originate from recycled or scrap sources? ", YES_NO_UNKNOWN),
    ("supplier_response", "4) What percentage of relevant suppliers have provided a response to your supply chain "
     "survey?", RESPONSE),
    ("all_smelters_identified", "5) Have you identified all of the smelters supplying the cobalt to your supply "
     "chain? ", YES_NO_UNKNOWN),
    ("all_smelter_info_reported", "6) Has all applicable smelter information received by your company been reported "
     "in this declaration? ", YES_NO_UNKNOWN),
))  # fmt: skip
_COMPANY = lettered_questions(63, (
    # A asks for an established and public policy at once; the Checker wants the URL in G63 when "Yes".
    ("policy_public", "A. Have you established a publicly available cobalt sourcing policy?", YES_NO),
    ("policy_covers_annex_ii", "B. Does your policy cover, at a minimum, all risks in the OECD Due Diligence "
     "Guidance Annex II Model Policy, as well as the worst forms of child labor? ", YES_NO),
    ("due_diligence", "C. Have you implemented due diligence measures for cobalt in the declaration scope "
     "indicated above?", YES_NO),
    ("require_suppliers_due_diligence", "D. Do you require suppliers to exercise due diligence over the cobalt "
     "supply chain in accordance with the OECD Due Diligence Guidance? ", YES_NO),
    ("require_validated_smelters", "E. Do you require your direct suppliers to source cobalt from smelters whose "
     "due diligence practices have been validated by an independent third party audit program? ", YES_NO),
    ("require_suppliers_annex_ii", "F. Do you require suppliers' due diligence practices to cover, at a minimum, "
     "all risks in the OECD Due Diligence Guidance Annex II Model Policy, as well as the worst forms of child "
     "labor? ", YES_NO),
    ("supplier_survey", "G. Does your company conduct cobalt supply chain survey(s) of your relevant "
     "supplier(s)? ", ("Yes, CRT", "Yes, Using Other Format (Describe)", "No")),
    ("review_supplier_information", "H. Do you review due diligence information received from your suppliers "
     "against your company’s expectations? ", YES_NO),
    ("corrective_action", "I. Does your review process include corrective action management? ", YES_NO),
))  # fmt: skip


FAMILIES: tuple[Family, ...] = (
    Family(
        template="CRT", name="CRT 2.2", version_pattern=r"^2\.2", title="Cobalt Reporting Template (CRT)",
        releases=(Release("2.2", "October 28, 2020"),),
        sheets=(("Instructions", False), ("Revision", False), ("Definitions", False), ("Declaration", False),
                ("Smelter List", False), ("Checker", False), ("Product List", False), ("Smelter Look-up", False),
                ("L", True), ("C", True), ("SorP", True)),
        # The D3 dropdown (name LN = L!D1:G1); L's row 1 also names six more languages it never offers.
        languages=("English", "中文 Chinese", "日本語 Japanese", "한국어 Korean"),
        fields=company_fields(12), minerals=("Cobalt",), mineral_rows=1, questions=_QUESTIONS, company_questions=_COMPANY,
        smelter_last_row=2500, smelter_columns=smelter_columns_6(), lookup_sheet="Smelter Look-up", lookup_columns=LOOKUP_6,
        product_columns=PRODUCTS_3, product_footer_row=1001,
    ),
)  # fmt: skip
