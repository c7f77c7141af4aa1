"""CMRT layouts, 1 to 6.x: every family's cells and English labels (cmrt_layouts.md §1-5).

CMRT 6 and 3 carry their full labels (read from RMI's and CFSI's real files; the test-file builder
writes them). CMRT 5 and 4 have no file in hand: their rows are inferred from the 6.5 Revision tab;
2.x and 1 carry the cells the reader falls back on when a translated file's labels cannot be read.
"""

from __future__ import annotations

from cmrt.layouts.model import Column, Family, Field, Release
from cmrt.layouts.shared import (
    LOOKUP_6,
    PRODUCTS_3,
    RESPONSE,
    SMELTER_DETAILS,
    YES_NO,
    YES_NO_UNKNOWN,
    Texts,
    company_fields,
    lettered_questions,
    numbered_questions,
    smelter_columns_6,
)

__all__ = ["FAMILIES", "PRODUCT_NOTE", "SCOPES", "SCOPE_LABELS"]

TITLE = "Conflict Minerals Reporting Template (CMRT)"
SCOPES = (
    "A. Company",
    "B. Product (or List of Products)",
    "C. User defined [Specify in 'Description of scope']",
)
"""The Declaration Scope options (D9) of CMRT 3 and 6."""
SCOPE_LABELS = {
    "A": "Description of Scope:",
    "B": "Go to Product List tab to enter products this declaration applies to",
    "C": "Description of Scope: (*)",
}
"""The label of B10, by the first letter of the scope chosen in D9 (its L key is "DeclarationB10" + letter)."""
PRODUCT_NOTE = (
    'Completion required only if reporting level "Product (or List of Products)" selected on '
    "the 'Declaration' worksheet."
)
"""Product List A1."""
METALS_ORDER = ("Tantalum", "Tin", "Gold", "Tungsten")
"""The order of the metal rows under every Declaration question."""

_LANGUAGES_6 = ("English", "中文 Chinese", "日本語 Japanese", "한국어 Korean", "Français", "Português", "Deutsch",
                "Español", "Italiano", "Türkçe")  # fmt: skip
_LANGUAGES_3 = (*_LANGUAGES_6[:8], "italiano")

_FIELDS_6 = company_fields(12)
_FIELDS_3 = tuple(
    Field(f.key, f.row, "Phone - Authorizer (*):") if f.key == "authorizer_phone" else f for f in _FIELDS_6
)
_FIELDS_2 = tuple(Field(key, row, "") for key, row in (
    ("company_name", 8), ("scope", 9), ("scope_description", 10), ("company_id", 12), ("address", 13),
    ("authorizer_name", 14), ("authorizer_title", 15), ("authorizer_email", 16), ("authorizer_phone", 17),
    ("effective_date", 18),
))  # fmt: skip
_FIELDS_1 = tuple(Field(key, row, "") for key, row in (
    ("company_name", 7), ("company_id", 8), ("address", 9), ("authorizer_name", 10), ("authorizer_title", 11),
    ("authorizer_email", 12), ("authorizer_phone", 13), ("contact_name", 14), ("contact_email", 15),
    ("contact_phone", 16), ("effective_date", 17),
))  # fmt: skip

_RESPONSE_3 = ("Yes, 100%", "No, but greater than 75%", "No, but greater than 50%", "No, but greater than 25%",
               "No, but less than 25%", "None")  # fmt: skip


def _keys_only(keys: str) -> Texts:
    return tuple((key, "", ()) for key in keys.split())


_QUESTIONS_6 = numbered_questions(25, 6, (
    ("intentionally_added", "1) Is any 3TG intentionally added or used in the product(s) or in the production "
     "process? (*)", YES_NO),
    ("remains_in_product", "2) Does any 3TG remain in the product(s)?", YES_NO),
    ("covered_countries", "3) Do any of the smelters in your supply chain source the 3TG from the covered "
     "countries? (SEC term, see definitions tab)", YES_NO_UNKNOWN),
    ("cahra", "4) Do any of the smelters in your supply chain source the 3TG from conflict-affected and "
     "high-risk areas?", YES_NO_UNKNOWN),
    ("recycled_scrap", "5) Does 100 percent of the 3TG (necessary to the functionality or production of your "
     "products) originate from recycled or scrap sources? ", YES_NO_UNKNOWN),
    ("supplier_response", "6) What percentage of relevant suppliers have provided a response to your supply "
     "chain survey? ", RESPONSE),
    ("all_smelters_identified", "7) Have you identified all of the smelters supplying the 3TG to your supply "
     "chain? ", YES_NO),
    ("all_smelter_info_reported", "8) Has all applicable smelter information received by your company been "
     "reported in this declaration? ", YES_NO),
))  # fmt: skip
_COMPANY_6 = lettered_questions(75, (
    ("policy", "A. Have you established a responsible minerals sourcing policy?", YES_NO),
    ("policy_public", "B. Is your responsible minerals sourcing policy publicly available on your website? "
     "(Note – If yes, the user shall specify the URL in the comment field.)", YES_NO),
    ("require_validated_smelters", "C. Do you require your direct suppliers to source the 3TG from smelters "
     "whose due diligence practices have been validated by an independent third party audit program?",
     YES_NO),
    ("due_diligence", "D. Have you implemented due diligence measures for responsible sourcing?", YES_NO),
    ("supplier_survey", "E. Does your company conduct Conflict Minerals survey(s) of your relevant "
     "supplier(s)?", ("Yes, in conformance with IPC1755 (e.g., CMRT)", "Yes, using other format (describe)",
                      "No")),
    ("review_supplier_information", "F. Do you review due diligence information received from your "
     "suppliers against your company’s expectations?", YES_NO),
    ("corrective_action", "G. Does your review process include corrective action management?", YES_NO),
    ("annual_disclosure", "H. Is your company required to file an annual conflict minerals disclosure?",
     ("Yes, with the SEC", "Yes, with the EU", "Yes, with the SEC and the EU", "No")),
))  # fmt: skip
_QUESTIONS_3 = numbered_questions(25, 6, (
    ("intentionally_added", "1) Is the conflict metal intentionally added to your product? (*)", YES_NO),
    ("remains_in_product", "2) Is the conflict metal necessary to the production of your company's products "
     "and contained in the finished product that your company manufactures or contracts to manufacture? (*)",
     YES_NO),
    ("covered_countries", "3) Does any of the conflict metal originate from the covered countries? (*)",
     YES_NO_UNKNOWN),
    ("recycled_scrap", "4) Does 100 percent of the conflict metal (necessary to the functionality or "
     "production of your products) originate from recycled or scrap sources? (*)", YES_NO_UNKNOWN),
    ("supplier_response", "5) Have you received conflict metals data/information for each metal from all "
     "relevant suppliers of 3TG? (*)", _RESPONSE_3),
    ("all_smelters_identified", "6) For each conflict metal, have you identified all of the smelters your "
     "company and its suppliers use to supply the products included within the declaration scope indicated "
     "above? (*)", YES_NO),
    ("all_smelter_info_reported", "7) Has all applicable smelter information received by your company been "
     "reported in this declaration? (*)", YES_NO_UNKNOWN),
))  # fmt: skip
_COMPANY_3 = lettered_questions(69, (
    ("policy", "A. Do you have a policy in place that addresses conflict minerals sourcing? ", YES_NO),
    ("policy_public", "B. Is your conflict minerals sourcing policy publicly available on your website? "
     "(Note – If yes, the user shall specify the URL in the comment field.) ", YES_NO),
    ("require_suppliers_conflict_free", "C. Do you require your direct suppliers to be DRC conflict-free? ",
     YES_NO),
    ("require_validated_smelters", "D. Do you require your direct suppliers to source from smelters validated "
     "by an independent private sector audit firm? ", YES_NO),
    ("due_diligence", "E. Have you implemented due diligence measures for conflict-free sourcing? ", YES_NO),
    ("supplier_survey", "F. Do you collect conflict minerals due diligence information from your suppliers "
     "which is in conformance with the IPC-1755 Conflict Minerals Data Exchange standard [e.g., the CFSI "
     "Conflict Minerals Reporting Template]? ", YES_NO),
    ("request_smelter_names", "G. Do you request smelter names from your suppliers? ", YES_NO),
    ("review_supplier_information", "H. Do you review due diligence information received from your "
     "suppliers against your company’s expectations? ", YES_NO),
    ("corrective_action", "I. Does your review process include corrective action management? ", YES_NO),
    ("annual_disclosure", "J. Are you subject to the SEC Conflict Minerals rule? ", YES_NO),
))  # fmt: skip
_Q_3_TO_5 = "intentionally_added remains_in_product covered_countries recycled_scrap supplier_response " \
    "all_smelters_identified all_smelter_info_reported"  # fmt: skip
_C_5 = "policy policy_public require_suppliers_conflict_free require_validated_smelters due_diligence " \
    "supplier_survey review_supplier_information corrective_action annual_disclosure"  # fmt: skip
_C_2_TO_4 = "policy policy_public require_suppliers_conflict_free require_validated_smelters due_diligence " \
    "supplier_survey request_smelter_names review_supplier_information corrective_action annual_disclosure"  # fmt: skip

_SMELTERS_3 = tuple(Column(key, col, header) for col, (key, header) in enumerate((
    ("metal", "Metal (*)"),
    ("lookup_name", "Smelter Reference List (*)"),
    ("name", "Smelter Name (*)"),
    ("country", "Smelter Country (*)"),
    *SMELTER_DETAILS,
), 2))  # fmt: skip
_SMELTERS_2_02 = tuple(Column(key, col, "") for key, col in (
    ("metal", 2), ("lookup_name", 3), ("name", 4), ("country", 5), ("smelter_id", 6), ("street", 7), ("city", 8),
    ("state_province", 9), ("contact_name", 10), ("contact_email", 11), ("next_steps", 12), ("mine_names", 13),
    ("mine_countries", 14), ("comments", 15),
))  # fmt: skip
_SMELTERS_2_00 = tuple(Column(key, col, "") for key, col in (
    ("smelter_id", 1), ("metal", 2), ("lookup_name", 3), ("name", 4), ("country", 5), ("street", 6), ("city", 7),
    ("state_province", 8), ("contact_name", 9), ("contact_email", 10), ("next_steps", 11), ("mine_names", 12),
    ("mine_countries", 13), ("comments", 14),
))  # fmt: skip
_SMELTERS_1 = tuple(Column(key, col, "") for key, col in (
    ("metal", 2), ("name", 4), ("country", 6), ("contact_name", 8), ("contact_email", 10), ("next_steps", 14),
    ("mine_names", 16), ("mine_countries", 18), ("comments", 24),
))  # fmt: skip
_LOOKUP_K = tuple(Column(key, col, header) for col, (key, header) in enumerate((
    ("metal", ""), ("alias", "Smelter Names"), ("country", "Country location"), ("standard_name", "Common Name"),
    ("key", "METAL+Alias"), ("smelter_id", "Smelter ID"), ("source", "Source of Smelter Identification Number"),
), 1))  # fmt: skip
_SHEETS_6 = (("Revision", False), ("Instructions", False), ("Definitions", False), ("Declaration", False),
             ("Smelter List", False), ("Checker", False), ("Product List", False), ("Smelter Look-up", False),
             ("L", True), ("C", True), ("SorP", True))  # fmt: skip
_SHEETS_3 = (("Revision", False), ("Instructions", False), ("Definitions", False), ("Declaration", False),
             ("Smelter List", False), ("Standard Smelter Names", False), ("Checker", False),
             ("Product List", False), ("L", True), ("K", True), ("C", True))  # fmt: skip

FAMILIES: tuple[Family, ...] = (
    Family(
        template="CMRT", name="CMRT 6", version_pattern=r"^6(\.|$)", title=TITLE,
        releases=(
            Release("6.01", "May 19, 2020", product_footer_row=1001, lookup_by_typed_name=False),
            Release("6.1", "April 28, 2021", product_footer_row=1001, lookup_by_typed_name=False),
            Release("6.22", "May 11, 2022"),
            Release("6.31", "May 26, 2023", date_format="d/mmm/yyyy"),
            Release("6.4", "April 26, 2024"),
            Release("6.5", "April 25, 2025",
                    product_labels=("Responder’s Product Number (*)", "Responder’s Product Name")),
        ),
        sheets=_SHEETS_6, languages=_LANGUAGES_6, fields=_FIELDS_6, minerals=METALS_ORDER,
        mineral_rows=4, questions=_QUESTIONS_6, company_questions=_COMPANY_6, smelter_columns=smelter_columns_6(),
        lookup_sheet="Smelter Look-up", lookup_columns=LOOKUP_6, product_columns=PRODUCTS_3,
        product_footer_row=2006,
    ),
    Family(
        # 5.x is inferred from the 6.5 Revision tab (no 5.x file in hand): 3.x-style rows, Q1-Q7, company
        # A-I, 6.x Smelter List columns with the ID input column and hidden R/S/T.
        template="CMRT", name="CMRT 5", version_pattern=r"^5(\.|$)", title=TITLE, releases=(),
        sheets=_SHEETS_6, languages=_LANGUAGES_6, fields=_FIELDS_6, minerals=METALS_ORDER,
        mineral_rows=4, questions=numbered_questions(25, 6, _keys_only(_Q_3_TO_5)), company_questions=lettered_questions(69, _keys_only(_C_5)),
        smelter_columns=smelter_columns_6(), lookup_sheet="Smelter Look-up", lookup_columns=LOOKUP_6,
    ),
    Family(
        # 4.0 renamed "Standard Smelter Names" to "Smelter Reference List"; 4.1 added the ID input column.
        template="CMRT", name="CMRT 4", version_pattern=r"^4(\.|$)", title=TITLE, releases=(),
        sheets=_SHEETS_6, languages=_LANGUAGES_6, fields=_FIELDS_6, minerals=METALS_ORDER,
        mineral_rows=4, questions=numbered_questions(25, 6, _keys_only(_Q_3_TO_5)),
        company_questions=lettered_questions(69, _keys_only(_C_2_TO_4)), smelter_columns=smelter_columns_6(),
        lookup_sheet="Smelter Reference List", lookup_columns=LOOKUP_6,
    ),
    Family(
        template="CMRT", name="CMRT 3", version_pattern=r"^3(\.|$)", title=TITLE,
        releases=(Release("3.01", "May 30, 2014", product_footer_row=301, lookup_by_typed_name=False),),
        sheets=_SHEETS_3, languages=_LANGUAGES_3, fields=_FIELDS_3, minerals=METALS_ORDER, mineral_rows=4,
        questions=_QUESTIONS_3, company_questions=_COMPANY_3, smelter_columns=_SMELTERS_3, lookup_sheet="K",
        lookup_header_row=1, lookup_columns=_LOOKUP_K, product_columns=PRODUCTS_3, product_footer_row=301,
        date_1904=True,
    ),
    Family(
        template="CMRT", name="CMRT 2.02-2.03a", version_pattern=r"^2\.0[23]", title=TITLE, releases=(),
        sheets=(), languages=(), fields=_FIELDS_2, minerals=METALS_ORDER, mineral_rows=4,
        questions=numbered_questions(21, 6, _keys_only("necessary_to_product covered_countries recycled_scrap "
                                            "supplier_response all_smelters_identified all_smelters_validated")),
        company_questions=lettered_questions(59, _keys_only(_C_2_TO_4)), smelter_columns=_SMELTERS_2_02, lookup_sheet="K",
        lookup_header_row=1, date_1904=True,
    ),
    Family(
        template="CMRT", name="CMRT 2.00-2.01", version_pattern=r"^2(\.0[01])?$", title=TITLE, releases=(),
        sheets=(), languages=(), fields=_FIELDS_2, minerals=METALS_ORDER, mineral_rows=4,
        questions=numbered_questions(21, 6, _keys_only("necessary_to_product covered_countries recycled_scrap "
                                            "supplier_response all_smelters_identified all_smelters_validated")),
        company_questions=lettered_questions(59, _keys_only(_C_2_TO_4)), smelter_columns=_SMELTERS_2_00, date_1904=True,
        smelter_last_row=1001,
    ),
    Family(
        template="CMRT", name="CMRT 1", version_pattern=r"^1(\.|$)", title=TITLE, releases=(), sheets=(),
        languages=(), fields=_FIELDS_1, minerals=METALS_ORDER, mineral_rows=4,
        questions=numbered_questions(19, 6, _keys_only("necessary_to_product covered_countries recycled_scrap "
                                            "all_smelters_identified all_smelters_validated")),
        company_questions=lettered_questions(51, _keys_only(
            "policy policy_public require_suppliers_conflict_free require_validated_smelters due_diligence "
            "templates_from_all_suppliers supplier_survey request_smelter_names review_supplier_information "
            "corrective_action annual_disclosure")),
        smelter_sheet="Smelter and Mine List", smelter_columns=_SMELTERS_1, date_1904=True, date_parts=(5, 8, 10),
    ),
)  # fmt: skip
