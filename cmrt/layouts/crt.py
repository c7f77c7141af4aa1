"""CRT layout (RMI's Cobalt Reporting Template), 2.2: cobalt only, the EMRT's predecessor.

Read from RMI's 2.2 workbook and the file cirscn/cm-reporting names 2.21, which prints 2.2 everywhere
(Declaration!J3, Smelter List!Q3, last Revision row) and has the same labels and validations; it only
restores the look-up formulas that 2.2 lacks in Smelter List rows 5-211. English labels come from the
hidden ``L`` sheet, options from the answer cells' data validations. Company information is in CMRT 6's
cells; six questions with one (cobalt) row each; nine company questions, A-I.
"""

from __future__ import annotations

from cmrt.layouts.model import Column, Family, Field, Question, Release

__all__ = ["FAMILIES"]

_Texts = tuple[tuple[str, str, tuple[str, ...]], ...]
"""(key, English text, options) per question."""

_FIELDS = tuple(Field(key, row, label) for key, row, label in (
    ("company_name", 8, "Company Name (*):"),
    ("scope", 9, "Declaration Scope or Class (*):"),
    ("scope_description", 10, "Description of Scope:"),
    ("company_id", 12, "Company Unique ID:"),
    ("company_id_authority", 13, "Company Unique ID Authority:"),
    ("address", 14, "Address:"),
    ("contact_name", 15, "Contact Name (*):"),
    ("contact_email", 16, "Email – Contact (*):"),
    ("contact_phone", 17, "Phone – Contact (*):"),
    ("authorizer_name", 18, "Authorizer (*):"),
    ("authorizer_title", 19, "Title - Authorizer:"),
    ("authorizer_email", 20, "Email - Authorizer (*):"),
    ("authorizer_phone", 21, "Phone - Authorizer:"),
    ("effective_date", 22, "Effective Date (*):"),
))  # fmt: skip

_YES_NO = ("Yes", "No")
_YES_NO_UNKNOWN = ("Yes", "No", "Unknown")
_RESPONSE = ("100%", "Greater than 90%", "Greater than 75%", "Greater than 50%", "50% or less", "None")
""""100%" is the number 1 in the list (formatted 0%): a chosen answer is stored as 1."""


def _questions(first: int, texts: _Texts) -> tuple[Question, ...]:
    """Numbered questions every six rows from ``first``, cobalt's answer in the row below."""
    return tuple(
        Question(str(i + 1), key, first + 6 * i, text, options, per_mineral=True)
        for i, (key, text, options) in enumerate(texts)
    )


def _company(first: int, texts: _Texts) -> tuple[Question, ...]:
    """Lettered questions every second row from ``first``."""
    return tuple(
        Question(text[0], key, first + 2 * j, text, options) for j, (key, text, options) in enumerate(texts)
    )


_QUESTIONS = _questions(25, (
    ("intentionally_added", "1) Is any of the cobalt intentionally added or used in the product(s) or in the "
     "production process?  (*)", _YES_NO_UNKNOWN),
    ("cahra", "2) Do any of the smelters in your supply chain source the cobalt from a Conflict-Affected and "
     "High-Risk area? (OECD Due Diligence Guidance, see definitions tab) ",
     (*_YES_NO_UNKNOWN, "DRC or adjoining countries only")),
    ("recycled_scrap", "3) Does 100 percent of the cobalt originate from recycled or scrap sources? ", _YES_NO_UNKNOWN),
    ("supplier_response", "4) What percentage of relevant suppliers have provided a response to your supply chain "
     "survey?", _RESPONSE),
    ("all_smelters_identified", "5) Have you identified all of the smelters supplying the cobalt to your supply "
     "chain? ", _YES_NO_UNKNOWN),
    ("all_smelter_info_reported", "6) Has all applicable smelter information received by your company been reported "
     "in this declaration? ", _YES_NO_UNKNOWN),
))  # fmt: skip
_COMPANY = _company(63, (
    # A asks for an established and public policy at once; the Checker wants the URL in G63 when "Yes".
    ("policy_public", "A. Have you established a publicly available cobalt sourcing policy?", _YES_NO),
    ("policy_covers_annex_ii", "B. Does your policy cover, at a minimum, all risks in the OECD Due Diligence "
     "Guidance Annex II Model Policy, as well as the worst forms of child labor? ", _YES_NO),
    ("due_diligence", "C. Have you implemented due diligence measures for cobalt in the declaration scope "
     "indicated above?", _YES_NO),
    ("require_suppliers_due_diligence", "D. Do you require suppliers to exercise due diligence over the cobalt "
     "supply chain in accordance with the OECD Due Diligence Guidance? ", _YES_NO),
    ("require_validated_smelters", "E. Do you require your direct suppliers to source cobalt from smelters whose "
     "due diligence practices have been validated by an independent third party audit program? ", _YES_NO),
    ("require_suppliers_annex_ii", "F. Do you require suppliers' due diligence practices to cover, at a minimum, "
     "all risks in the OECD Due Diligence Guidance Annex II Model Policy, as well as the worst forms of child "
     "labor? ", _YES_NO),
    ("supplier_survey", "G. Does your company conduct cobalt supply chain survey(s) of your relevant "
     "supplier(s)? ", ("Yes, CRT", "Yes, Using Other Format (Describe)", "No")),
    ("review_supplier_information", "H. Do you review due diligence information received from your suppliers "
     "against your company’s expectations? ", _YES_NO),
    ("corrective_action", "I. Does your review process include corrective action management? ", _YES_NO),
))  # fmt: skip

_SMELTERS = tuple(Column(key, col, header) for col, (key, header) in enumerate((
    ("smelter_id_input", "Smelter Identification Number Input Column"),
    ("metal", "Metal (*)"),
    ("lookup_name", "Smelter Look-up (*)"),
    ("name", "Smelter Name (1)"),
    ("country", "Smelter Country (*)"),
    ("smelter_id", "Smelter Identification"),
    ("id_source", "Source of Smelter Identification Number"),
    ("street", "Smelter Street "),
    ("city", "Smelter City"),
    ("state_province", "Smelter Facility Location: State / Province"),
    ("contact_name", "Smelter Contact Name"),
    ("contact_email", "Smelter Contact Email"),
    ("next_steps", "Proposed next steps"),
    ("mine_names", 'Name of Mine(s) or if recycled or scrap sourced, enter "recycled" or "scrap"'),
    ("mine_countries", 'Location (Country) of Mine(s) or if recycled or scrap sourced, enter "recycled" or "scrap"'),
    ("recycled_scrap", "Does 100% of the smelter’s feedstock originate from recycled or scrap sources?"),
    ("comments", "Comments"),
    ("standard_name", "Standard Smelter Name"),
    ("country_code", "Country Code"),
    ("state_code", "State / Province Code"),
), 1))  # fmt: skip
"""CMRT 6's columns A-T (R, S hidden)."""
_LOOKUP = tuple(Column(key, col, header) for col, (key, header) in enumerate((
    ("metal", "Metal"),
    ("alias", "Smelter Look-up (*)"),
    ("standard_name", "Standard Smelter Names"),
    ("country", "Smelter Facility Location: Country"),
    ("smelter_id", "Smelter ID"),
    ("source", "Source of Smelter Identification Number"),
    ("street", "Smelter Street "),
    ("city", "Smelter City"),
    ("state_province", "Smelter Facility Location: State / Province"),
    ("key", "METAL+Alias"),  # K repeats it; J and K are hidden
), 1))  # fmt: skip
_PRODUCTS = tuple(Column(key, col, header) for col, (key, header) in enumerate((
    ("number", "Manufacturer’s Product Number (*)"), ("name", "Manufacturer’s Product Name"), ("comments", "Comments"),
), 2))  # fmt: skip

FAMILIES: tuple[Family, ...] = (
    Family(
        template="CRT", name="CRT 2.2", version_pattern=r"^2\.2", title="Cobalt Reporting Template (CRT)",
        releases=(Release("2.2", "October 28, 2020"),),
        sheets=(("Instructions", False), ("Revision", False), ("Definitions", False), ("Declaration", False),
                ("Smelter List", False), ("Checker", False), ("Product List", False), ("Smelter Look-up", False),
                ("L", True), ("C", True), ("SorP", True)),
        # The D3 dropdown (name LN = L!D1:G1); L's row 1 also names six more languages it never offers.
        languages=("English", "中文 Chinese", "日本語 Japanese", "한국어 Korean"),
        fields=_FIELDS, minerals=("Cobalt",), mineral_rows=1, questions=_QUESTIONS, company_questions=_COMPANY,
        smelter_last_row=2500, smelter_columns=_SMELTERS, lookup_sheet="Smelter Look-up", lookup_columns=_LOOKUP,
        product_columns=_PRODUCTS, product_footer_row=1001,
    ),
)  # fmt: skip
