"""Build template-SHAPED CMRT workbooks for tests and examples.

The Conflict Minerals Reporting Template (CMRT) is an Excel form published by the Responsible Minerals
Initiative (RMI). cmrt may not ship RMI's templates or their data, so this module creates workbooks from
scratch (openpyxl for .xlsx, xlwt for .xls) that have the same *shape* as the real templates: the same
sheet names and order, the same label cells, header rows and columns, and the hidden ``L`` (labels and
translations) and ``C`` (countries) sheets.  A reader written for the real templates therefore reads them.

These workbooks are made by cmrt; they are NOT RMI's templates.  They carry no RMI data, instructions,
formatting, validation or protection, and the label translations are cmrt's own short paraphrases.
:data:`EXAMPLE_LOOKUP` lists made-up facilities with fictitious identifiers (``CID9xxxxx``); it is not
RMI's smelter list.

Cells hold what Excel shows once a supplier filled the form.  With ``recalculated=True`` the values the
template's formulas would show are written as plain values, including the quirks of real files:
metal labels carry their ``(*)`` marker, an ID typed in column A that matches no look-up row shows
``#N/A``, a look-up field left empty shows ``0`` in Smelter List columns F and H-J, and blank pre-filled
rows carry ``#N/A`` (hidden column V) and ``0`` (hidden column X).  With ``recalculated=False`` those cells
are formulas without cached values, like a file saved by a tool that never calculated.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

import attrs
import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.workbook.defined_name import DefinedName

__all__ = ["EXAMPLE_LOOKUP", "LookupRow", "SmelterRow", "build_cmrt", "write_cmrt"]


@attrs.frozen
class LookupRow:
    """One row of the template's own smelter look-up sheet (6.x ``Smelter Look-up``, 3.01 ``K``)."""

    metal: str
    alias: str
    standard_name: str
    country: str
    smelter_id: str
    street: str = ""
    city: str = ""
    state: str = ""


@attrs.frozen
class SmelterRow:
    """One Smelter List row as the supplier filled it; ``None`` means the supplier left the cell alone."""

    metal: str | None = None
    lookup: str | None = None
    name: str | None = None
    country: str | None = None
    smelter_id_input: str | None = None
    smelter_id: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    next_steps: str | None = None
    mine_names: str | None = None
    mine_countries: str | None = None
    recycled: str | None = None
    comments: str | None = None
    row: int | None = None


EXAMPLE_LOOKUP: tuple[LookupRow, ...] = (
    LookupRow(
        "Gold",
        "Example Gold Refinery Ltd.",
        "Example Gold Refinery Ltd.",
        "JAPAN",
        "CID900001",
        "1 Sample Street",
        "Sampleton",
        "Example Prefecture",
    ),
    LookupRow(
        "Gold",
        "EGR Refining",
        "Example Gold Refinery Ltd.",
        "JAPAN",
        "CID900001",
        "1 Sample Street",
        "Sampleton",
        "Example Prefecture",
    ),
    LookupRow(
        "Gold", "Fictional Bullion AG", "Fictional Bullion AG", "GERMANY", "CID900002", city="Musterstadt"
    ),
    LookupRow(
        "Gold",
        "Imaginary Precious Metals Co.",
        "Imaginary Precious Metals Co.",
        "KOREA, REPUBLIC OF",
        "CID900003",
    ),
    LookupRow(
        "Tantalum",
        "Example Tantalum Works Co., Ltd.",
        "Example Tantalum Works Co., Ltd.",
        "CHINA",
        "CID900101",
        "2 Placeholder Road",
        "Demo City",
        "Example Province",
    ),
    LookupRow(
        "Tantalum",
        "Placeholder Niobium-Tantalum Plant",
        "Placeholder Niobium-Tantalum Plant",
        "BRAZIL",
        "CID900102",
        city="Cidade Exemplo",
    ),
    LookupRow(
        "Tantalum", "Demo Tantalum Smelting GmbH", "Demo Tantalum Smelting GmbH", "GERMANY", "CID900103"
    ),
    LookupRow(
        "Tin",
        "Example Tin Smelter Sdn. Bhd.",
        "Example Tin Smelter Sdn. Bhd.",
        "MALAYSIA",
        "CID900201",
        city="Bandar Contoh",
    ),
    LookupRow("Tin", "Sample Tin Refinery PT", "Sample Tin Refinery PT", "INDONESIA", "CID900202"),
    LookupRow("Tin", "Mock Tin Metals S.A.", "Mock Tin Metals S.A.", "PERU", "CID900203"),
    LookupRow(
        "Tungsten",
        "Example Tungsten Materials Co., Ltd.",
        "Example Tungsten Materials Co., Ltd.",
        "CHINA",
        "CID900301",
        city="Demo City",
        state="Example Province",
    ),
    LookupRow(
        "Tungsten", "Fictitious Wolfram Industries", "Fictitious Wolfram Industries", "JAPAN", "CID900302"
    ),
    LookupRow("Tungsten", "Test Tungsten Powders Inc.", "Test Tungsten Powders Inc.", "RWANDA", "CID900303"),
)
"""Illustrative look-up rows: made-up facilities and IDs (not RMI data), 3 per metal, one extra alias."""

_EMPTY: Mapping[Any, Any] = MappingProxyType({})

# --- version and layout tables ------------------------------------------------------------------------

_DECL_METALS = ("Tantalum", "Tin", "Gold", "Tungsten")  # Declaration row order under each question
_BLOCK_METALS = ("Gold", "Tantalum", "Tin", "Tungsten")  # metal blocks of the look-up sheet
_LIST_METALS = ("Tantalum", "Tin", "Tungsten", "Gold")  # metal dropdown source on the Smelter List
_NA = "#N/A"
_NOT_LISTED = "Smelter not listed"
_NOT_YET = "Smelter not yet identified"
_AS_TEXT = '&""'  # appended by formulas that show an empty referenced cell as "" rather than 0
_EXCEL_DATE = r"[$-409]d\-mmm\-yyyy;@"
_MANUFACTURER = ("Manufacturer’s Product Number (*)", "Manufacturer’s Product Name")


@attrs.frozen
class _Version:
    """What differs between template versions of one family."""

    name: str
    date: str
    date_format: str = _EXCEL_DATE
    product_labels: tuple[str, str] = _MANUFACTURER
    product_footer_row: int = 2006
    match_unlisted_by_name: bool = True  # 6.22+: not-listed rows are looked up by metal & typed name


_VERSIONS: dict[str, _Version] = {
    v.name: v
    for v in (
        _Version("6.01", "May 19, 2020", product_footer_row=1001, match_unlisted_by_name=False),
        _Version("6.1", "April 28, 2021", product_footer_row=1001, match_unlisted_by_name=False),
        _Version("6.22", "May 11, 2022"),
        _Version("6.31", "May 26, 2023", date_format="d/mmm/yyyy"),
        _Version("6.4", "April 26, 2024"),
        _Version(
            "6.5",
            "April 25, 2025",
            product_labels=("Responder’s Product Number (*)", "Responder’s Product Name"),
        ),
        _Version("3.01", "May 30, 2014", product_footer_row=301, match_unlisted_by_name=False),
    )
}

_DECLARATION_FIELDS: dict[str, tuple[int, str]] = {  # key -> (row, English label in column B)
    "company_name": (8, "Company Name (*):"),
    "scope": (9, "Declaration Scope or Class (*):"),
    "scope_description": (10, "Description of Scope:"),
    "company_id": (12, "Company Unique ID:"),
    "company_id_authority": (13, "Company Unique ID Authority:"),
    "address": (14, "Address:"),
    "contact_name": (15, "Contact Name (*):"),
    "contact_email": (16, "Email – Contact (*):"),
    "contact_phone": (17, "Phone – Contact (*):"),
    "authorizer_name": (18, "Authorizer (*):"),
    "authorizer_title": (19, "Title - Authorizer:"),
    "authorizer_email": (20, "Email - Authorizer (*):"),
    "authorizer_phone": (21, "Phone - Authorizer:"),
    "effective_date": (22, "Effective Date (*):"),
}
_SCOPE_VARIANTS = {  # B10 label keyed by the first letter of the scope (D9)
    "A": "Description of Scope:",
    "B": "Go to Product List tab to enter products this declaration applies to",
    "C": "Description of Scope: (*)",
}
_SCOPES = (
    "A. Company",
    "B. Product (or List of Products)",
    "C. User defined [Specify in 'Description of scope']",
)

_QUESTIONS_6 = (
    "1) Is any 3TG intentionally added or used in the product(s) or in the production process? (*)",
    "2) Does any 3TG remain in the product(s)?",
    "3) Do any of the smelters in your supply chain source the 3TG from the covered countries? "
    "(SEC term, see definitions tab)",
    "4) Do any of the smelters in your supply chain source the 3TG from conflict-affected and high-risk "
    "areas?",
    "5) Does 100 percent of the 3TG (necessary to the functionality or production of your products) "
    "originate from recycled or scrap sources? ",
    "6) What percentage of relevant suppliers have provided a response to your supply chain survey? ",
    "7) Have you identified all of the smelters supplying the 3TG to your supply chain? ",
    "8) Has all applicable smelter information received by your company been reported in this declaration? ",
)
_COMPANY_6 = (
    "A. Have you established a responsible minerals sourcing policy?",
    "B. Is your responsible minerals sourcing policy publicly available on your website? "
    "(Note – If yes, the user shall specify the URL in the comment field.)",
    "C. Do you require your direct suppliers to source the 3TG from smelters whose due diligence practices "
    "have been validated by an independent third party audit program?",
    "D. Have you implemented due diligence measures for responsible sourcing?",
    "E. Does your company conduct Conflict Minerals survey(s) of your relevant supplier(s)?",
    "F. Do you review due diligence information received from your suppliers against your company’s "
    "expectations?",
    "G. Does your review process include corrective action management?",
    "H. Is your company required to file an annual conflict minerals disclosure?",
)
_QUESTIONS_3 = (
    "1) Is the conflict metal intentionally added to your product? (*)",
    "2) Is the conflict metal necessary to the production of your company's products and contained in the "
    "finished product that your company manufactures or contracts to manufacture? (*)",
    "3) Does any of the conflict metal originate from the covered countries? (*)",
    "4) Does 100 percent of the conflict metal (necessary to the functionality or production of your "
    "products) originate from recycled or scrap sources? (*)",
    "5) Have you received conflict metals data/information for each metal from all relevant suppliers of "
    "3TG? (*)",
    "6) For each conflict metal, have you identified all of the smelters your company and its suppliers use "
    "to supply the products included within the declaration scope indicated above? (*)",
    "7) Has all applicable smelter information received by your company been reported in this "
    "declaration? (*)",
)
_COMPANY_3 = (
    "A. Do you have a policy in place that addresses conflict minerals sourcing? ",
    "B. Is your conflict minerals sourcing policy publicly available on your website? "
    "(Note – If yes, the user shall specify the URL in the comment field.) ",
    "C. Do you require your direct suppliers to be DRC conflict-free? ",
    "D. Do you require your direct suppliers to source from smelters validated by an independent private "
    "sector audit firm? ",
    "E. Have you implemented due diligence measures for conflict-free sourcing? ",
    "F. Do you collect conflict minerals due diligence information from your suppliers which is in "
    "conformance with the IPC-1755 Conflict Minerals Data Exchange standard [e.g., the CFSI Conflict "
    "Minerals Reporting Template]? ",
    "G. Do you request smelter names from your suppliers? ",
    "H. Do you review due diligence information received from your suppliers against your company’s "
    "expectations? ",
    "I. Does your review process include corrective action management? ",
    "J. Are you subject to the SEC Conflict Minerals rule? ",
)

_SHARED_HEADERS = (  # Smelter List F..Q, identical in 3.01 and 6.x
    "Smelter Identification",
    "Source of Smelter Identification Number",
    "Smelter Street ",
    "Smelter City",
    "Smelter Facility Location: State / Province",
    "Smelter Contact Name",
    "Smelter Contact Email",
    "Proposed next steps",
    'Name of Mine(s) or if recycled or scrap sourced, enter "recycled" or "scrap"',
    'Location (Country) of Mine(s) or if recycled or scrap sourced, enter "recycled" or "scrap"',
    "Does 100% of the smelter’s feedstock originate from recycled or scrap sources?",
    "Comments",
)
_LOOKUP_HEADERS = (  # 6.x Smelter Look-up A4..I4
    "Metal",
    "Smelter Look-up (*)",
    "Standard Smelter Names",
    "Smelter Facility Location: Country",
    "Smelter ID",
    "Source of Smelter Identification Number",
    "Smelter Street ",
    "Smelter City",
    "Smelter Facility Location: State / Province",
)
_STANDARD_HEADERS = (  # 3.01 Standard Smelter Names A2..E2
    "Metal",
    "Standard Smelter Names",
    "Smelter Facility Location: Country",
    "Old Smelter ID",
    "New Smelter ID",
)
_K_HEADERS = (
    "",
    "Smelter Names",
    "Country location",
    "Common Name",
    "METAL+Alias",
    "Smelter ID",
    "Source of Smelter Identification Number",
)
_PRODUCT_NOTE = (
    'Completion required only if reporting level "Product (or List of Products)" selected on '
    "the 'Declaration' worksheet."
)
_LANGUAGE_PROMPT = (
    "Select Language Preference Here:\n请选择语言:\n表示言語を選択してください:\nSprache hier auswählen:"
)


@attrs.frozen
class _Family:
    """The layout shared by every version of one template generation (6.x or 3.01)."""

    languages: tuple[str, ...]
    sheets: tuple[tuple[str, bool], ...]  # (name, hidden), in workbook order
    questions: tuple[str, ...]
    company_questions: tuple[str, ...]
    company_title_row: int  # "Answer the Following Questions at a Company Level"; questions from +2
    smelter_headers: tuple[str | None, ...]  # Smelter List A4..Q4
    source: str  # "Source of Smelter Identification Number" value of known smelters
    epoch_1904: bool


_FAMILY_6 = _Family(
    languages=(
        "English",
        "中文 Chinese",
        "日本語 Japanese",
        "한국어 Korean",
        "Français",
        "Português",
        "Deutsch",
        "Español",
        "Italiano",
        "Türkçe",
    ),
    sheets=(
        ("Revision", False),
        ("Instructions", False),
        ("Definitions", False),
        ("Declaration", False),
        ("Smelter List", False),
        ("Checker", False),
        ("Product List", False),
        ("Smelter Look-up", False),
        ("L", True),
        ("C", True),
    ),
    questions=_QUESTIONS_6,
    company_questions=_COMPANY_6,
    company_title_row=73,
    smelter_headers=(
        "Smelter Identification Number Input Column",
        "Metal (*)",
        "Smelter Look-up (*)",
        "Smelter Name (1)",
        "Smelter Country (*)",
        *_SHARED_HEADERS,
    ),
    source="RMI",
    epoch_1904=False,
)
_FAMILY_3 = _Family(
    languages=(
        "English",
        "中文 Chinese",
        "日本語 Japanese",
        "한국어 Korean",
        "Français",
        "Português",
        "Deutsch",
        "Español",
        "italiano",
    ),
    sheets=(
        ("Revision", False),
        ("Instructions", False),
        ("Definitions", False),
        ("Declaration", False),
        ("Smelter List", False),
        ("Standard Smelter Names", False),
        ("Checker", False),
        ("Product List", False),
        ("L", True),
        ("K", True),
        ("C", True),
    ),
    questions=_QUESTIONS_3,
    company_questions=_COMPANY_3,
    company_title_row=67,
    smelter_headers=(
        None,
        "Metal (*)",
        "Smelter Reference List (*)",
        "Smelter Name (*)",
        "Smelter Country (*)",
        *_SHARED_HEADERS,
    ),
    source="CFSI",
    epoch_1904=True,
)

# (alpha-2, ISO name as in the 6.x C sheet, name as in the 3.01 C sheet, alpha-3 as in the 3.01 C sheet)
_COUNTRIES = (
    ("BR", "BRAZIL", "BRAZIL", "BRA"),
    ("CN", "CHINA", "CHINA", "CHN"),
    ("CD", "CONGO, DEMOCRATIC REPUBLIC OF THE", "ZAIRE", "ZAR"),
    ("DE", "GERMANY", "GERMANY", "DEU"),
    ("ID", "INDONESIA", "INDONESIA", "IDN"),
    ("JP", "JAPAN", "JAPAN", "JPN"),
    ("KR", "KOREA, REPUBLIC OF", "KOREA, REPUBLIC OF", "KOR"),
    ("MY", "MALAYSIA", "MALAYSIA", "MYS"),
    ("PE", "PERU", "PERU", "PER"),
    ("RW", "RWANDA", "RWANDA", "RWA"),
    ("TW", "TAIWAN, PROVINCE OF CHINA", "TAIWAN", "TWN"),
    ("GB", "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "UNITED KINGDOM", "GBR"),
    ("US", "UNITED STATES OF AMERICA", "UNITED STATES", "USA"),
)

# cmrt's own short translations: English label -> (中文 Chinese, 日本語 Japanese, Deutsch).
# Labels missing here (the form title) stay English in every language, as in the real L sheet.
_TRANSLATIONS: dict[str, tuple[str, str, str]] = {
    "Company Name (*):": ("公司名称 (*)：", "会社名 (*)：", "Firmenname (*):"),
    "Declaration Scope or Class (*):": (
        "申报范围或类别 (*)：",
        "申告範囲又はクラス (*)：",
        "Umfang der Erklärung (*):",
    ),
    "Description of Scope:": ("范围说明：", "申告範囲の説明：", "Beschreibung des Umfangs:"),
    "Description of Scope: (*)": ("范围说明：(*)", "申告範囲の説明：(*)", "Beschreibung des Umfangs: (*)"),
    _SCOPE_VARIANTS["B"]: (
        "请在产品列表页输入本申报适用的产品",
        "製品リストのタブで対象製品を入力してください",
        "Produkte dieser Erklärung im Reiter Product List eingeben",
    ),
    "Company Unique ID:": ("公司唯一识别码：", "会社固有ID：", "Eindeutige Firmen-ID:"),
    "Company Unique ID Authority:": (
        "公司唯一识别码颁发机构：",
        "会社固有IDの発行元：",
        "Vergabestelle der Firmen-ID:",
    ),
    "Address:": ("地址：", "住所：", "Anschrift:"),
    "Contact Name (*):": ("联系人姓名 (*)：", "連絡先担当者名 (*)：", "Name des Ansprechpartners (*):"),
    "Email – Contact (*):": (
        "联系人电子邮件 (*)：",
        "連絡先担当者の電子メール (*)：",
        "E-Mail des Ansprechpartners (*):",
    ),
    "Phone – Contact (*):": (
        "联系人电话 (*)：",
        "連絡先担当者の電話番号 (*)：",
        "Telefon des Ansprechpartners (*):",
    ),
    "Authorizer (*):": ("授权人 (*)：", "回答責任者 (*)：", "Bevollmächtigter (*):"),
    "Title - Authorizer:": ("授权人职务：", "回答責任者の役職：", "Position des Bevollmächtigten:"),
    "Email - Authorizer (*):": (
        "授权人电子邮件 (*)：",
        "回答責任者の電子メール (*)：",
        "E-Mail des Bevollmächtigten (*):",
    ),
    "Phone - Authorizer:": ("授权人电话：", "回答責任者の電話番号：", "Telefon des Bevollmächtigten:"),
    "Phone - Authorizer (*):": (
        "授权人电话 (*)：",
        "回答責任者の電話番号 (*)：",
        "Telefon des Bevollmächtigten (*):",
    ),
    "Effective Date (*):": ("生效日期 (*)：", "記入日 (*)：", "Datum (*):"),
    "Answer the following questions 1 - 8 based on the declaration scope indicated above": (
        "请根据上述申报范围回答问题 1 - 8",
        "上記の申告範囲に基づき質問1～8に回答してください",
        "Beantworten Sie die Fragen 1 - 8 für den oben angegebenen Umfang",
    ),
    "Answer the following questions 1 - 7 based on the declaration scope indicated above": (
        "请根据上述申报范围回答问题 1 - 7",
        "上記の申告範囲に基づき質問1～7に回答してください",
        "Beantworten Sie die Fragen 1 - 7 für den oben angegebenen Umfang",
    ),
    _QUESTIONS_6[0]: (
        "1) 产品或生产流程中是否有意添加或使用 3TG？(*)",
        "1) 製品又は製造工程で3TGを意図的に添加・使用していますか？(*)",
        "1) Wird 3TG im Produkt oder in der Produktion absichtlich zugesetzt oder verwendet? (*)",
    ),
    _QUESTIONS_6[1]: (
        "2) 产品中是否残留 3TG？",
        "2) 製品に3TGが残留していますか？",
        "2) Verbleibt 3TG im Produkt?",
    ),
    _QUESTIONS_6[2]: (
        "3) 供应链中的冶炼厂是否从所涉国家采购 3TG？",
        "3) 製錬業者は対象国から3TGを調達していますか？",
        "3) Beziehen Schmelzhütten 3TG aus den betroffenen Ländern?",
    ),
    _QUESTIONS_6[3]: (
        "4) 供应链中的冶炼厂是否从受冲突影响和高风险地区采购 3TG？",
        "4) 製錬業者は紛争地域及び高リスク地域から3TGを調達していますか？",
        "4) Beziehen Schmelzhütten 3TG aus Konflikt- und Hochrisikogebieten?",
    ),
    _QUESTIONS_6[4]: (
        "5) 3TG 是否 100% 来自回收料或废料？",
        "5) 3TGは全てリサイクル又はスクラップ由来ですか？",
        "5) Stammt das 3TG zu 100 % aus Recycling oder Schrott?",
    ),
    _QUESTIONS_6[5]: (
        "6) 已答复供应链调查的相关供应商比例是多少？",
        "6) 調査に回答したサプライヤーの割合は？",
        "6) Wie viel Prozent der Lieferanten haben geantwortet?",
    ),
    _QUESTIONS_6[6]: (
        "7) 是否已识别供应 3TG 的所有冶炼厂？",
        "7) 3TGを供給する全ての製錬業者を特定しましたか？",
        "7) Haben Sie alle Schmelzhütten für 3TG ermittelt?",
    ),
    _QUESTIONS_6[7]: (
        "8) 收到的所有冶炼厂信息是否已在本申报中报告？",
        "8) 受領した製錬業者情報を全て報告しましたか？",
        "8) Wurden alle erhaltenen Schmelzhütten-Informationen gemeldet?",
    ),
    _QUESTIONS_3[0]: (
        "1) 产品中是否有意添加冲突金属？(*)",
        "1) 紛争鉱物を製品に意図的に添加していますか？(*)",
        "1) Wird das Konfliktmetall dem Produkt absichtlich zugesetzt? (*)",
    ),
    _QUESTIONS_3[1]: (
        "2) 冲突金属是否为生产所必需并存在于成品中？(*)",
        "2) 紛争鉱物は生産に必要で最終製品に含まれますか？(*)",
        "2) Ist das Konfliktmetall für die Produktion nötig und im Endprodukt enthalten? (*)",
    ),
    _QUESTIONS_3[2]: (
        "3) 冲突金属是否来自所涉国家？(*)",
        "3) 紛争鉱物は対象国由来ですか？(*)",
        "3) Stammt Konfliktmetall aus den betroffenen Ländern? (*)",
    ),
    _QUESTIONS_3[3]: (
        "4) 冲突金属是否 100% 来自回收料或废料？(*)",
        "4) 紛争鉱物は全てリサイクル又はスクラップ由来ですか？(*)",
        "4) Stammt das Konfliktmetall zu 100 % aus Recycling oder Schrott? (*)",
    ),
    _QUESTIONS_3[4]: (
        "5) 是否已从所有相关供应商处收到冲突金属信息？(*)",
        "5) 全ての関連サプライヤーから情報を受領しましたか？(*)",
        "5) Haben Sie von allen Lieferanten Daten erhalten? (*)",
    ),
    _QUESTIONS_3[5]: (
        "6) 是否已识别所有冶炼厂？(*)",
        "6) 全ての製錬業者を特定しましたか？(*)",
        "6) Haben Sie alle Schmelzhütten ermittelt? (*)",
    ),
    _QUESTIONS_3[6]: (
        "7) 收到的所有冶炼厂信息是否已在本申报中报告？(*)",
        "7) 受領した製錬業者情報を全て報告しましたか？(*)",
        "7) Wurden alle erhaltenen Schmelzhütten-Informationen gemeldet? (*)",
    ),
    "Answer": ("回答", "回答", "Antwort"),
    "Comments": ("备注", "備考", "Kommentare"),
    "Question": ("问题", "質問", "Frage"),
    "Tantalum  ": ("钽", "タンタル", "Tantal  "),
    "Tin  ": ("锡", "錫", "Zinn  "),
    "Gold  ": ("金", "金", "Gold  "),
    "Tungsten  ": ("钨", "タングステン", "Wolfram  "),
    "Answer the Following Questions at a Company Level": (
        "请在公司层面回答以下问题",
        "会社レベルで以下の質問に回答してください",
        "Beantworten Sie die folgenden Fragen auf Unternehmensebene",
    ),
    _COMPANY_6[0]: (
        "A. 是否已制定负责任矿产采购政策？",
        "A. 責任ある鉱物調達方針を定めていますか？",
        "A. Haben Sie eine Richtlinie zur verantwortungsvollen Beschaffung?",
    ),
    _COMPANY_6[1]: (
        "B. 该政策是否在网站上公开？（如是，请在备注中填写网址）",
        "B. 方針をウェブサイトで公開していますか？（URLを備考に記入）",
        "B. Ist die Richtlinie auf Ihrer Website veröffentlicht? (URL im Kommentar)",
    ),
    _COMPANY_6[2]: (
        "C. 是否要求直接供应商从经独立第三方审核的冶炼厂采购 3TG？",
        "C. 直接サプライヤーに第三者監査済み製錬業者からの調達を求めていますか？",
        "C. Verlangen Sie von Lieferanten 3TG aus unabhängig geprüften Schmelzhütten?",
    ),
    _COMPANY_6[3]: (
        "D. 是否已实施负责任采购的尽职调查措施？",
        "D. 責任ある調達のデュー・デリジェンスを実施していますか？",
        "D. Haben Sie Sorgfaltspflichtmaßnahmen umgesetzt?",
    ),
    _COMPANY_6[4]: (
        "E. 贵公司是否对相关供应商开展冲突矿产调查？",
        "E. 関連サプライヤーに紛争鉱物調査を行っていますか？",
        "E. Befragt Ihr Unternehmen seine Lieferanten zu Konfliktmineralien?",
    ),
    _COMPANY_6[5]: (
        "F. 是否根据公司期望审查供应商的尽职调查信息？",
        "F. サプライヤーの情報を自社の期待と照らして確認していますか？",
        "F. Prüfen Sie die Angaben der Lieferanten gegen Ihre Erwartungen?",
    ),
    _COMPANY_6[6]: (
        "G. 审查流程是否包括纠正措施管理？",
        "G. 確認プロセスに是正措置管理が含まれますか？",
        "G. Umfasst Ihre Prüfung ein Korrekturmaßnahmen-Management?",
    ),
    _COMPANY_6[7]: (
        "H. 贵公司是否须提交年度冲突矿产披露？",
        "H. 年次の紛争鉱物開示が必要ですか？",
        "H. Muss Ihr Unternehmen jährlich zu Konfliktmineralien berichten?",
    ),
    _COMPANY_3[0]: (
        "A. 是否有冲突矿产采购政策？",
        "A. 紛争鉱物調達方針がありますか？",
        "A. Haben Sie eine Richtlinie zu Konfliktmineralien? ",
    ),
    _COMPANY_3[1]: (
        "B. 该政策是否在网站上公开？",
        "B. 方針をウェブサイトで公開していますか？",
        "B. Ist die Richtlinie auf Ihrer Website veröffentlicht? ",
    ),
    _COMPANY_3[2]: (
        "C. 是否要求直接供应商无冲突？",
        "C. 直接サプライヤーにコンフリクトフリーを求めていますか？",
        "C. Verlangen Sie konfliktfreie Lieferanten? ",
    ),
    _COMPANY_3[3]: (
        "D. 是否要求直接供应商从经审核的冶炼厂采购？",
        "D. 監査済み製錬業者からの調達を求めていますか？",
        "D. Verlangen Sie geprüfte Schmelzhütten? ",
    ),
    _COMPANY_3[4]: (
        "E. 是否已实施尽职调查措施？",
        "E. デュー・デリジェンスを実施していますか？",
        "E. Haben Sie Sorgfaltspflichtmaßnahmen umgesetzt? ",
    ),
    _COMPANY_3[5]: (
        "F. 是否按 IPC-1755 收集供应商信息？",
        "F. IPC-1755に沿って情報を収集していますか？",
        "F. Erheben Sie Daten nach IPC-1755? ",
    ),
    _COMPANY_3[6]: (
        "G. 是否向供应商索取冶炼厂名称？",
        "G. サプライヤーに製錬業者名を求めていますか？",
        "G. Fragen Sie Lieferanten nach Schmelzhütten? ",
    ),
    _COMPANY_3[7]: (
        "H. 是否审查供应商的尽职调查信息？",
        "H. サプライヤーの情報を確認していますか？",
        "H. Prüfen Sie die Angaben der Lieferanten? ",
    ),
    _COMPANY_3[8]: (
        "I. 审查流程是否包括纠正措施管理？",
        "I. 是正措置管理が含まれますか？",
        "I. Umfasst Ihre Prüfung Korrekturmaßnahmen? ",
    ),
    _COMPANY_3[9]: (
        "J. 是否受 SEC 冲突矿产规则约束？",
        "J. SECの紛争鉱物規則の対象ですか？",
        "J. Unterliegen Sie der SEC-Regel zu Konfliktmineralien? ",
    ),
    "Smelter Identification Number Input Column": (
        "冶炼厂识别号输入列",
        "製錬業者識別番号の入力列",
        "Eingabespalte Schmelzhütten-ID",
    ),
    "Metal (*)": ("金属 (*)", "金属 (*)", "Metall (*)"),
    "Smelter Look-up (*)": ("冶炼厂查找 (*)", "製錬業者検索 (*)", "Schmelzhütten-Suche (*)"),
    "Smelter Reference List (*)": (
        "冶炼厂参考列表 (*)",
        "製錬業者参照リスト (*)",
        "Schmelzhütten-Referenzliste (*)",
    ),
    "Smelter Name (1)": ("冶炼厂名称 (1)", "製錬業者名 (1)", "Name der Schmelzhütte (1)"),
    "Smelter Name (*)": ("冶炼厂名称 (*)", "製錬業者名 (*)", "Name der Schmelzhütte (*)"),
    "Smelter Country (*)": ("冶炼厂国家或地区 (*)", "製錬業者の国 (*)", "Land der Schmelzhütte (*)"),
    "Smelter Identification": ("冶炼厂识别", "製錬業者識別", "Schmelzhütten-Kennung"),
    "Source of Smelter Identification Number": (
        "冶炼厂识别号来源",
        "製錬業者識別番号の出典",
        "Quelle der Schmelzhütten-ID",
    ),
    "Smelter Street ": ("冶炼厂街道", "製錬業者の番地", "Straße der Schmelzhütte"),
    "Smelter City": ("冶炼厂城市", "製錬業者の市", "Stadt der Schmelzhütte"),
    "Smelter Facility Location: State / Province": (
        "冶炼厂所在地：州/省",
        "製錬業者の所在地：州/県",
        "Standort der Schmelzhütte: Bundesland / Provinz",
    ),
    "Smelter Contact Name": ("冶炼厂联系人", "製錬業者の担当者名", "Ansprechpartner der Schmelzhütte"),
    "Smelter Contact Email": ("冶炼厂联系人电子邮件", "製錬業者の電子メール", "E-Mail der Schmelzhütte"),
    "Proposed next steps": ("建议的后续步骤", "次のステップ案", "Vorgeschlagene nächste Schritte"),
    _SHARED_HEADERS[8]: (
        "矿山名称（回收料或废料请填写“recycled”或“scrap”）",
        "鉱山名（リサイクル品は「recycled」又は「scrap」）",
        'Name der Mine(n) (bei Recycling "recycled" oder "scrap")',
    ),
    _SHARED_HEADERS[9]: (
        "矿山所在国家（回收料或废料请填写“recycled”或“scrap”）",
        "鉱山の国（リサイクル品は「recycled」又は「scrap」）",
        'Land der Mine(n) (bei Recycling "recycled" oder "scrap")',
    ),
    _SHARED_HEADERS[10]: (
        "冶炼厂原料是否 100% 来自回收料或废料？",
        "製錬業者の原料は全てリサイクル又はスクラップ由来ですか？",
        "Stammt das Einsatzmaterial der Schmelzhütte zu 100 % aus Recycling oder Schrott?",
    ),
    "Metal": ("金属", "金属", "Metall"),
    "Standard Smelter Names": ("标准冶炼厂名称", "標準製錬業者名", "Standardnamen der Schmelzhütten"),
    "Smelter Facility Location: Country": (
        "冶炼厂所在地：国家或地区",
        "製錬業者の所在地：国",
        "Standort der Schmelzhütte: Land",
    ),
    "Smelter ID": ("冶炼厂 ID", "製錬業者ID", "Schmelzhütten-ID"),
    "Old Smelter ID": ("旧冶炼厂 ID", "旧製錬業者ID", "Alte Schmelzhütten-ID"),
    "New Smelter ID": ("新冶炼厂 ID", "新製錬業者ID", "Neue Schmelzhütten-ID"),
    _PRODUCT_NOTE: (
        "仅当申报页选择“产品（或产品列表）”时才需填写。",
        "申告範囲が「製品（又は製品リスト）」の場合のみ記入してください。",
        'Nur auszufüllen, wenn in der Erklärung "Produkt (oder Produktliste)" gewählt wurde.',
    ),
    _MANUFACTURER[0]: ("制造商产品编号 (*)", "製造者の製品番号 (*)", "Produktnummer des Herstellers (*)"),
    _MANUFACTURER[1]: ("制造商产品名称", "製造者の製品名", "Produktname des Herstellers"),
    "Responder’s Product Number (*)": (
        "回复方产品编号 (*)",
        "回答者の製品番号 (*)",
        "Produktnummer des Antwortenden (*)",
    ),
    "Responder’s Product Name": ("回复方产品名称", "回答者の製品名", "Produktname des Antwortenden"),
}
_TRANSLATED_LANGUAGES = ("中文 Chinese", "日本語 Japanese", "Deutsch")
_SUPPORTED_LANGUAGES = ("English", *_TRANSLATED_LANGUAGES)


def _translate(english: str, language: str) -> str:
    """The label text Excel shows for ``language``; other than the three translated ones, English."""
    if language not in _TRANSLATED_LANGUAGES or english not in _TRANSLATIONS:
        return english
    return _TRANSLATIONS[english][_TRANSLATED_LANGUAGES.index(language)]


# --- cell sinks: one small interface over openpyxl and xlwt ------------------------------------------


class _Sink(Protocol):
    """Where cells go; writers call ``put`` and never touch openpyxl or xlwt themselves."""

    def put(
        self,
        sheet: str,
        row: int,
        col: int,
        value: object,
        formula: str | None = None,
        fmt: str | None = None,
    ) -> None: ...

    def hide_columns(self, sheet: str, first: int, last: int) -> None: ...

    def define_name(self, name: str, ref: str) -> None: ...

    def finish(self) -> bytes: ...


class _XlsxSink:
    """openpyxl sink; writes formulas (uncached) instead of values when ``formulas`` is set."""

    def __init__(self, sheets: Iterable[tuple[str, bool]], *, formulas: bool, epoch_1904: bool) -> None:
        self._wb = openpyxl.Workbook()
        self._wb.remove(self._wb.active)
        if epoch_1904:
            self._wb.epoch = CALENDAR_MAC_1904
        for name, hidden in sheets:
            ws = self._wb.create_sheet(name)
            if hidden:
                ws.sheet_state = "hidden"
        self._formulas = formulas

    def put(
        self,
        sheet: str,
        row: int,
        col: int,
        value: object,
        formula: str | None = None,
        fmt: str | None = None,
    ) -> None:
        """Write one cell; ``None`` or ``""`` values are skipped, like the empty cells Excel saves."""
        cell = self._wb[sheet].cell(row=row, column=col)
        if self._formulas and formula is not None:
            cell.value = "=" + formula
            return
        if value is None or value == "":
            return
        cell.value = value
        if cell.data_type == "f":  # typed text that merely starts with "=" stays text
            cell.data_type = "s"
        if fmt:
            cell.number_format = fmt

    def hide_columns(self, sheet: str, first: int, last: int) -> None:
        """Hide a column range, as the templates hide their helper columns."""
        for col in range(first, last + 1):
            self._wb[sheet].column_dimensions[get_column_letter(col)].hidden = True

    def define_name(self, name: str, ref: str) -> None:
        """Add a global defined name used by the uncached formulas (SL, LN, CL)."""
        self._wb.defined_names[name] = DefinedName(name, attr_text=ref)

    def finish(self) -> bytes:
        buf = io.BytesIO()
        self._wb.save(buf)
        return buf.getvalue()


class _XlsSink:
    """xlwt sink (BIFF8 .xls); always writes values because xlwt cannot cache formula results."""

    _ERRORS = {"#N/A": 0x2A}  # xlwt's own map lacks "#N/A"

    def __init__(self, sheets: Iterable[tuple[str, bool]], *, epoch_1904: bool) -> None:
        import xlwt  # optional test dependency, needed only for .xls

        self._xlwt = xlwt
        self._wb = xlwt.Workbook(encoding="utf-8")
        self._wb.dates_1904 = epoch_1904
        self._sheets: dict[str, Any] = {}
        self._styles: dict[str, Any] = {}
        for name, hidden in sheets:
            ws = self._wb.add_sheet(name, cell_overwrite_ok=True)
            if hidden:
                ws.visibility = 1
            self._sheets[name] = ws

    def put(
        self,
        sheet: str,
        row: int,
        col: int,
        value: object,
        formula: str | None = None,
        fmt: str | None = None,
    ) -> None:
        """Write one cell's value (the formula is ignored); ``None`` or ``""`` values are skipped."""
        if value is None or value == "":
            return
        ws = self._sheets[sheet]
        if isinstance(value, str) and value in self._ERRORS:
            ws.row(row - 1).set_cell_error(col - 1, self._ERRORS[value])
            return
        if fmt is None:
            ws.write(row - 1, col - 1, value)
            return
        if fmt not in self._styles:
            self._styles[fmt] = self._xlwt.easyxf(num_format_str=fmt)
        ws.write(row - 1, col - 1, value, self._styles[fmt])

    def hide_columns(self, sheet: str, first: int, last: int) -> None:
        """Hide a column range, as the templates hide their helper columns."""
        for col in range(first, last + 1):
            self._sheets[sheet].col(col - 1).hidden = True

    def define_name(self, name: str, ref: str) -> None:
        """Nothing to do: an .xls made here holds no formulas that could use the name."""

    def finish(self) -> bytes:
        buf = io.BytesIO()
        self._wb.save(buf)
        return buf.getvalue()


# --- the form: labels through sheet L, and what Excel shows -------------------------------------------


def _label_formula(sheet: str, key_suffix: str = "") -> str:
    """The template's label formula: look the cell's own address up in sheet L, column = language."""
    return f'OFFSET(L!$C$1,MATCH("{sheet}"&ADDRESS(ROW(),COLUMN(),4){key_suffix},L!$A:$A,0)-1,SL,,)'


def _a1(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def _no(answer: object) -> bool:
    """Excel's ``cell="No"``: case-insensitive, no trimming (so " No" is not "No")."""
    return isinstance(answer, str) and answer.casefold() == "no"


def _same(a: object, b: str) -> bool:
    return isinstance(a, str) and a.casefold() == b.casefold()


@attrs.define
class _Form:
    """Writes cells through a sink, remembering shown values and the label cells sheet L must list."""

    sink: _Sink
    family: _Family
    language: str
    labels: list[tuple[str, str, str]] = attrs.Factory(list)  # (sheet, L key cell, English)
    shown: dict[tuple[str, int, int], object] = attrs.Factory(dict)

    def put(
        self,
        sheet: str,
        row: int,
        col: int,
        value: object,
        formula: str | None = None,
        fmt: str | None = None,
    ) -> None:
        self.shown[(sheet, row, col)] = value
        self.sink.put(sheet, row, col, value, formula, fmt)

    def label(
        self, sheet: str, row: int, col: int, english: str, *, marker: str = "", marker_ref: str | None = None
    ) -> None:
        """A translated label cell (``=OFFSET(L!...)``), optionally followed by a ``(*)`` marker cell."""
        self.labels.append((sheet, _a1(row, col), english))
        formula = _label_formula(sheet) + (f"&{marker_ref}" if marker_ref else "")
        self.put(sheet, row, col, _translate(english, self.language) + marker, formula)

    def ref(self, sheet: str, row: int, col: int, target_row: int, target_col: int) -> None:
        """A cell that repeats another cell of the same sheet (``=B26``)."""
        self.put(
            sheet, row, col, self.shown.get((sheet, target_row, target_col)), _a1(target_row, target_col)
        )


# --- sheet writers ------------------------------------------------------------------------------------


def _write_title_sheet(form: _Form, sheet: str, title: str) -> None:
    """Revision/Instructions/Definitions/Checker only need to exist, with a title cell."""
    form.put(sheet, 1, 1, title)


def _write_revision(form: _Form, version: _Version) -> None:
    """Title and one revision-history row: the last history row names the version, as in real files."""
    form.put("Revision", 2, 2, "DOCUMENT TITLE")
    form.put("Revision", 3, 2, "Conflict Minerals Reporting Template")
    form.put("Revision", 9, 2, "REVISION HISTORY")
    for col, text in enumerate(
        ("REVISION", "ORIGINATOR", "RELEASE DATE", "DESCRIPTION OF FUNCTIONAL CHANGE"), 2
    ):
        form.put("Revision", 12, col, text)
    for col, text in enumerate(
        (
            version.name,
            "cmrt.testing",
            version.date,
            "Template-shaped workbook made by cmrt for tests; not an RMI template.",
        ),
        2,
    ):
        form.put("Revision", 13, col, text)


def _write_declaration(
    form: _Form,
    version: _Version,
    declaration: Mapping[str, object],
    answers: Mapping[tuple[str, str], object],
    comments: Mapping[tuple[str, str], str],
    company_answers: Mapping[str, object],
    company_comments: Mapping[str, str],
) -> None:
    """Company block (D8..D22), per-metal questions (D/G under rows 25, 31, ...) and company questions."""
    fam, s = form.family, "Declaration"
    six = fam is _FAMILY_6
    form.label(s, 2, 4, "Conflict Minerals Reporting Template (CMRT)")
    form.put(s, 3, 2, _LANGUAGE_PROMPT)
    form.put(s, 3, 4, form.language)
    form.put(s, 3, 10, f"Revision {version.name}\n{version.date}")
    form.put(s, 3, 16, fam.languages.index(form.language) + 1, "MATCH($D$3,LN,0)")
    for col, scope in enumerate(_SCOPES, 16):
        form.put(s, 9, col, scope)
    for key, (row, english) in _DECLARATION_FIELDS.items():
        if key == "authorizer_phone" and not six:
            english = "Phone - Authorizer (*):"
        if key == "scope_description":
            _write_scope_label(form, declaration.get("scope"))
        else:
            form.label(s, row, 2, english)
        value = declaration.get(key)
        form.put(s, row, 4, value, fmt=version.date_format if isinstance(value, dt.date) else None)

    count = len(fam.questions)
    form.label(
        s, 24, 2, f"Answer the following questions 1 - {count} based on the declaration scope indicated above"
    )
    q1 = {m: answers.get(("1", m)) for m in _DECL_METALS}
    q2 = {m: answers.get(("2", m)) for m in _DECL_METALS}
    no_count = sum(_no(v) for v in (*q1.values(), *q2.values()))
    if six:  # Q37 drives the " (*)" after questions 2-8 and the company questions
        question_marker = company_marker = "" if no_count > 3 else " (*)"
        company_ref = "$Q$37"
        form.put(s, 37, 17, company_marker, 'IF(COUNTIF(D26:D29,"No")+COUNTIF(D32:D35,"No")>3,""," (*)")')
    else:  # 3.01 question texts carry their own "(*)"; Q69 drives the company questions' marker
        question_marker, company_marker = "", "" if no_count == 8 else "(*)"
        company_ref = "$Q$69"
        form.put(s, 69, 17, company_marker, 'IF(COUNTIF(D25:D35,"No")=8,"","(*)")')
    for k, metal in enumerate(_DECL_METALS):  # hidden P markers behind the metal labels
        if six:
            form.put(s, 26 + k, 16, "" if _no(q1[metal]) else "(*)", f'IF(D${26 + k}="No","","(*)")')
            p3 = "" if _no(q1[metal]) or _no(q2[metal]) else "(*)"
            p3_formula = f'IF(OR(D${26 + k}="No",D${32 + k}="No"),"","(*)")'
            form.put(s, 38 + k, 16, p3, p3_formula)
            form.put(s, 44 + k, 16, p3, p3_formula)
        else:
            form.put(s, 26 + k, 16, "(*)")
            form.put(
                s,
                38 + k,
                16,
                "" if _no(q1[metal]) and _no(q2[metal]) else "(*)",
                f'IF(AND(D{26 + k}="No",D{32 + k}="No"),"","(*)")',
            )
    labelled_metal_rows = (0, 2, 3) if six else (0, 2)  # other questions repeat Q1's or Q3's metal labels
    for i, text in enumerate(fam.questions):
        head, number = 25 + 6 * i, str(i + 1)
        if i == 0:
            form.label(s, head, 2, text)
            form.label(s, head, 4, "Answer")
            form.label(s, head, 7, "Comments")
        else:
            form.label(
                s,
                head,
                2,
                text,
                marker=question_marker,
                marker_ref="Q$37" if six else None,
            )
            form.ref(s, head, 4, 25, 4)
            form.ref(s, head, 7, 25, 7)
        for k, metal in enumerate(_DECL_METALS):
            row = head + 1 + k
            if i in labelled_metal_rows:
                form.label(
                    s, row, 2, f"{metal}  ", marker=str(form.shown[(s, row, 16)]), marker_ref=f"P{row}"
                )
            else:
                form.ref(s, row, 2, (26 if i == 1 else 38) + k, 2)
            value = answers.get((number, metal))
            form.put(s, row, 4, value, fmt="0%" if isinstance(value, (int, float)) else None)
            form.put(s, row, 7, comments.get((number, metal)))

    top = fam.company_title_row
    form.label(s, top, 2, "Answer the Following Questions at a Company Level")
    form.label(s, top + 1, 2, "Question")
    form.ref(s, top + 1, 4, 25, 4)
    form.ref(s, top + 1, 7, 25, 7)
    for j, text in enumerate(fam.company_questions):
        row, letter = top + 2 + 2 * j, text[0]
        form.label(s, row, 2, text, marker=company_marker, marker_ref=company_ref)
        form.put(s, row, 4, company_answers.get(letter))
        form.put(s, row, 7, company_comments.get(letter))
    form.sink.hide_columns(s, 16, 18)


def _write_scope_label(form: _Form, scope: object) -> None:
    """B10 follows the scope in D9: its L key is "DeclarationB10" plus the scope's first letter."""
    for letter, english in _SCOPE_VARIANTS.items():
        form.labels.append(("Declaration", f"B10{letter}", english))
    form.labels.append(("Declaration", "B10", _SCOPE_VARIANTS["A"]))
    letter = scope[:1].upper() if isinstance(scope, str) else ""
    shown = (
        _NA if letter and letter not in _SCOPE_VARIANTS else _SCOPE_VARIANTS.get(letter, _SCOPE_VARIANTS["A"])
    )
    if shown != _NA:
        shown = _translate(shown, form.language)
    form.put("Declaration", 10, 2, shown, _label_formula("Declaration", "&LEFT($D$9,1)"))


@attrs.frozen
class _SheetRow:
    """A look-up row as placed on the sheet: special rows have empty (None) fields."""

    row: int
    metal: str
    alias: str
    standard_name: str | None = None
    country: str | None = None
    smelter_id: str | None = None
    source: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None


def _place_lookup(lookup: Sequence[LookupRow], family: _Family) -> list[_SheetRow]:
    """Order look-up rows in metal blocks with the special entries each real block has."""
    unknown_metals = {r.metal for r in lookup} - set(_BLOCK_METALS)
    if unknown_metals:
        raise ValueError(f"look-up metals must be one of {_BLOCK_METALS}, got {sorted(unknown_metals)}")
    six = family is _FAMILY_6
    placed: list[_SheetRow] = []
    row = 5 if six else 2
    for metal in _BLOCK_METALS:
        block = [
            _SheetRow(
                0,
                metal,
                r.alias,
                r.standard_name,
                r.country,
                r.smelter_id,
                family.source,
                r.street,
                r.city,
                r.state,
            )
            for r in lookup
            if r.metal == metal
        ]
        if six:
            block += [_SheetRow(0, metal, _NOT_LISTED), _SheetRow(0, metal, _NOT_YET, "Unknown", "Unknown")]
        else:
            block = [_SheetRow(0, metal, _NOT_YET), *block, _SheetRow(0, metal, "Smelter Not Listed")]
        for entry in block:
            placed.append(attrs.evolve(entry, row=row))
            row += 1
    return placed


def _write_lookup_6(form: _Form, placed: Sequence[_SheetRow]) -> None:
    """The visible 6.x ``Smelter Look-up`` sheet: header row 4, data from row 5, J/K = metal & alias."""
    s = "Smelter Look-up"
    form.put(s, 1, 1, "Illustrative look-up list made by cmrt.testing: fictitious facilities, not RMI data.")
    for col, english in enumerate(_LOOKUP_HEADERS, 1):
        form.label(s, 4, col, english)
    form.put(s, 4, 10, "METAL+Alias")
    form.put(s, 4, 11, "METAL+Alias")
    for e in placed:
        for col, value in enumerate(
            (e.metal, e.alias, e.standard_name, e.country, e.smelter_id, e.source, e.street, e.city, e.state),
            1,
        ):
            form.put(s, e.row, col, value)
        form.put(s, e.row, 10, e.metal + e.alias, f"A{e.row}&B{e.row}")
        form.put(s, e.row, 11, e.metal + e.alias, f"A{e.row}&B{e.row}")
    form.sink.hide_columns(s, 10, 11)


def _write_k_3(form: _Form, placed: Sequence[_SheetRow]) -> None:
    """The hidden 3.01 ``K`` sheet: alias, country, common (standard) name, metal & alias, ID, source."""
    for col, header in enumerate(_K_HEADERS, 1):
        form.put("K", 1, col, header)
    for e in placed:
        form.put("K", e.row, 1, e.metal)
        form.put("K", e.row, 2, e.alias)
        form.put("K", e.row, 3, e.country)
        form.put("K", e.row, 4, e.standard_name)
        form.put("K", e.row, 5, e.metal + e.alias, f"A{e.row}&B{e.row}")
        form.put("K", e.row, 6, e.smelter_id)
        form.put("K", e.row, 7, e.source)


def _write_standard_names_3(form: _Form, lookup: Sequence[LookupRow]) -> None:
    """The visible 3.01 ``Standard Smelter Names`` sheet: header row 2, one row per standard name."""
    s = "Standard Smelter Names"
    form.put(s, 1, 1, "Illustrative list made by cmrt.testing: fictitious facilities, not CFSI data.")
    for col, english in enumerate(_STANDARD_HEADERS, 1):
        form.label(s, 2, col, english)
    unique = {(r.metal, r.standard_name): r for r in lookup}
    for row, r in enumerate(sorted(unique.values(), key=lambda r: (r.metal, r.standard_name)), 3):
        for col, value in enumerate((r.metal, r.standard_name, r.country, None, r.smelter_id), 1):
            form.put(s, row, col, value)


def _first(placed: Sequence[_SheetRow], pred: Callable[[_SheetRow], bool]) -> _SheetRow | None:
    """Excel's exact MATCH: the first row that fits."""
    return next((e for e in placed if pred(e)), None)


def _pulled(entry: _SheetRow | None, field: str, *, text: bool) -> object:
    """What a template formula shows for a look-up field: "" on no match, 0 for an empty referenced cell
    (unless the formula appends ``&""``)."""
    if entry is None:
        return ""
    value = getattr(entry, field)
    if value is None or value == "":
        return "" if text else 0
    return value


def _input_cells(r: SmelterRow) -> dict[int, object]:
    """Columns H..Q the supplier types (6.x H..J are formulas and are filled in by the caller)."""
    return {
        11: r.contact_name,
        12: r.contact_email,
        13: r.next_steps,
        14: r.mine_names,
        15: r.mine_countries,
        16: r.recycled,
        17: r.comments,
    }


def _smelter_cells_6(
    r: SmelterRow, placed: Sequence[_SheetRow], version: _Version, n: int
) -> dict[int, tuple[object, str | None]]:
    """Column -> (shown value, formula or None for typed cells) of one 6.x Smelter List row ``n``."""
    look = "'Smelter Look-up'!"
    typed_id = r.smelter_id_input
    by_id = _first(placed, lambda e: _same(e.smelter_id, typed_id)) if typed_id else None
    id_b: object = "" if not typed_id else (by_id.metal if by_id else _NA)
    id_c: object = "" if not typed_id else (_pulled(by_id, "standard_name", text=False) if by_id else _NA)
    b = r.metal if r.metal is not None else id_b
    c = r.lookup if r.lookup is not None else id_c
    d = r.name or ""
    match: _SheetRow | None = None
    if _NA not in (b, c) and c != "":
        by_name = version.match_unlisted_by_name and (_same(c, _NOT_LISTED) or _same(c, _NOT_YET))
        key = f"{b}{d if by_name else c}"
        match = _first(placed, lambda e: _same(e.metal + e.alias, key))
    e = r.country if r.country is not None else _pulled(match, "country", text=True)
    if c == _NA:
        g: object = _NA
    elif _same(c, _NOT_LISTED):
        g = "RMI" if version.match_unlisted_by_name and match else "Enter smelter details"
    else:
        g = _pulled(match, "source", text=False)
    code = next((a2 for a2, name, _, _ in _COUNTRIES if _same(e, name)), "Unknown")
    by_metal_and_alias = f"MATCH($B{n}&$C{n},{look}$J:$J,0)"
    if version.match_unlisted_by_name:
        v_match = (
            f'IF(OR(C{n}="{_NOT_LISTED}",C{n}="{_NOT_YET}"),MATCH($B{n}&$D{n},{look}$J:$J,0),'
            f"{by_metal_and_alias})"
        )
        not_listed_g = f'IF(ISERROR($V{n}),"Enter smelter details","RMI")'
    else:
        v_match, not_listed_g = by_metal_and_alias, '"Enter smelter details"'
    cells: dict[int, tuple[object, str | None]] = {
        1: (typed_id, None),
        2: (b, None)
        if r.metal is not None
        else (id_b, f'IF(LEN(A{n})=0,"",INDEX({look}$A:$A,MATCH($A{n},{look}$E:$E,0)))'),
        3: (c, None)
        if r.lookup is not None
        else (id_c, f'IF(LEN(A{n})=0,"",INDEX({look}$C:$C,MATCH($A{n},{look}$E:$E,0)))'),
        4: (r.name, None),
        5: (e, None) if r.country is not None else (e, _pull_formula(n, "D", text=True)),
        6: (r.smelter_id, None)
        if r.smelter_id is not None
        else (_pulled(match, "smelter_id", text=False), _pull_formula(n, "E")),
        7: (g, f'IF(C{n}=$X$4,{not_listed_g},IF(ISERROR($V{n}),"",INDEX({look}$F:$F,$V{n})))'),
        8: (_pulled(match, "street", text=False), _pull_formula(n, "G")),
        9: (_pulled(match, "city", text=False), _pull_formula(n, "H")),
        10: (_pulled(match, "state", text=False), _pull_formula(n, "I")),
        18: (_pulled(match, "standard_name", text=True), _pull_formula(n, "C", text=True)),
        19: (
            _NA if b == _NA else ("" if b == "" else code),
            f'IF(B{n}="","",IF(ISERROR(MATCH($E{n},CL,0)),"Unknown",INDEX(\'C\'!$A:$A,MATCH($E{n},CL,0)+1)))',
        ),
        22: (match.row if match else _NA, f'IF(C{n}="",NA(),{v_match})'),
        24: (
            _NA if c == _NA else int(_same(c, _NOT_LISTED) and (d == "" or e == "")),
            f'IF(AND(C{n}="{_NOT_LISTED}",OR(LEN(D{n})=0,LEN(E{n})=0)),1,0)',
        ),
        28: (_NA if _NA in (b, c) else f"{b}{c}", f"B{n}&C{n}"),
    }
    cells.update((col, (value, None)) for col, value in _input_cells(r).items())
    return cells


def _pull_formula(n: int, column: str, *, text: bool = False) -> str:
    """6.x Smelter List formula that shows one Look-up column of the row found by hidden column V."""
    as_text = _AS_TEXT if text else ""
    return f"IF(ISERROR($V{n}),\"\",INDEX('Smelter Look-up'!${column}:${column},$V{n}){as_text})"


def _smelter_cells_3(
    r: SmelterRow, placed: Sequence[_SheetRow], n: int
) -> dict[int, tuple[object, str | None]]:
    """Column -> (shown value, formula or None for typed cells) of one 3.01 Smelter List row ``n``."""
    if r.smelter_id_input is not None:
        raise ValueError("CMRT 3.01 has no Smelter Identification Number input column")
    b, c = r.metal or "", r.lookup or ""
    match = None
    if c and not _same(c, _NOT_YET):
        match = _first(placed, lambda e: _same(e.metal + e.alias, f"{b}{c}"))

    def pull(column: str, field: str, *, text: bool) -> tuple[object, str]:
        as_text = _AS_TEXT if text else ""
        return _pulled(
            match, field, text=text
        ), f'IF(ISERROR($S{n}),"",OFFSET(K!${column}$1,$S{n}-1,0){as_text})'

    cells: dict[int, tuple[object, str | None]] = {
        2: (r.metal, None),
        3: (r.lookup, None),
        4: (r.name, None) if r.name is not None else pull("D", "standard_name", text=True),
        5: (r.country, None) if r.country is not None else pull("C", "country", text=True),
        6: (r.smelter_id, None) if r.smelter_id is not None else pull("F", "smelter_id", text=False),
        7: (
            "Enter smelter details"
            if _same(c, "Smelter Not Listed")
            else _pulled(match, "source", text=False),
            f'IF(C{n}=$U$4,"Enter smelter details",IF(ISERROR($S{n}),"",OFFSET(K!$G$1,$S{n}-1,0)))',
        ),
        8: (r.street, None),
        9: (r.city, None),
        10: (r.state, None),
        19: (match.row if match else _NA, f'IF(OR(C{n}="",C{n}=T$4),NA(),MATCH($B{n}&$C{n},K!$E:$E,0))'),
    }
    cells.update((col, (value, None)) for col, value in _input_cells(r).items())
    return cells


def _write_smelter_list(
    form: _Form,
    version: _Version,
    smelters: Sequence[SmelterRow],
    placed: Sequence[_SheetRow],
    last_row: int | None = None,
) -> None:
    """Header row 4, one row per :class:`SmelterRow` from row 5, and pre-filled blank rows after them."""
    s, six = "Smelter List", form.family is _FAMILY_6
    for col, english in enumerate(form.family.smelter_headers, 1):
        if english is not None:
            form.label(s, 4, col, english)
    if six:
        form.put(s, 3, 17, f"Revision {version.name}\n{version.date}")
        for col, text in ((18, "Standard Smelter Name"), (19, "Country Code"), (20, "State / Province Code")):
            form.put(s, 4, col, text)
        helper_col = 23  # W3:Z3 metals, W4/X4 special look-up values, AH2:AH4 the P dropdown
        for row, text in enumerate(("Yes", "No", "Unknown"), 2):
            form.put(s, row, 34, text)
    else:
        form.put(s, 3, 17, f"Revision {version.name} {version.date}")
        helper_col = 20  # T3:W3 metals, T4/U4 special look-up values
    for col, metal in enumerate(_LIST_METALS, helper_col):
        form.put(s, 3, col, metal)
    form.put(s, 4, helper_col, _NOT_YET)
    form.put(s, 4, helper_col + 1, "Smelter Not Listed")

    rows: dict[int, SmelterRow] = {}
    next_row = 5
    for entry in smelters:
        n = entry.row if entry.row is not None else next_row
        if n < 5 or n in rows:
            raise ValueError(f"Smelter List row {n} is before row 5 or used twice")
        rows[n] = entry
        next_row = n + 1
    last = max(max([4, *rows]) + 20, last_row or 0)
    blank = SmelterRow()
    for n in range(5, last + 1):
        cells = (
            _smelter_cells_6(rows.get(n, blank), placed, version, n)
            if six
            else _smelter_cells_3(rows.get(n, blank), placed, n)
        )
        for col, (value, formula) in cells.items():
            form.put(s, n, col, value, formula)
    if six:
        form.sink.hide_columns(s, 18, 34)
    else:
        form.sink.hide_columns(s, 19, 23)


def _write_product_list(
    form: _Form, version: _Version, products: Sequence[tuple[str, str | None]] | Sequence[Mapping[str, str]]
) -> None:
    """Note in A1, header row 5 (B number, C name, D comments), products from row 6, footer row."""
    s = "Product List"
    form.label(s, 1, 1, _PRODUCT_NOTE)
    form.put(s, 4, 2, "Click here to return to Declaration tab")
    for col, english in enumerate((*version.product_labels, "Comments"), 2):
        form.label(s, 5, col, english)
    if len(products) > version.product_footer_row - 6:
        raise ValueError(f"at most {version.product_footer_row - 6} products fit on this Product List")
    for row, product in enumerate(products, 6):
        if isinstance(product, Mapping):
            unknown = set(product) - {"number", "name", "comments"}
            if unknown:
                raise ValueError(f"unknown product keys {sorted(unknown)}; use number, name, comments")
            values = (product.get("number"), product.get("name"), product.get("comments"))
        else:
            number, name = product
            values = (number, name, None)
        for col, value in enumerate(values, 2):
            form.put(s, row, col, value)
    footer = "© cmrt. Template-shaped workbook made by cmrt; not an RMI template."
    form.put(s, version.product_footer_row, 2, footer)


def _write_countries(form: _Form) -> None:
    """Hidden ``C``: 6.x lists alpha-2 code and ISO name; 3.01 lists its older names and alpha-3 codes."""
    six = form.family is _FAMILY_6
    header = ("COUNTRY CODE LIST", "FULL NAME") if six else ("full name", "COUNTRY CODE LIST")
    form.put("C", 1, 1, header[0])
    form.put("C", 1, 2, header[1])
    for row, (alpha2, name, old_name, alpha3) in enumerate(_COUNTRIES, 2):
        form.put("C", row, 1, alpha2 if six else old_name)
        form.put("C", row, 2, name if six else alpha3)
    last = len(_COUNTRIES) + 1
    form.sink.define_name("CL", f"'C'!$B$2:$B${last}" if six else f"'C'!$A$2:$A${last}")


def _write_l(form: _Form) -> None:
    """Hidden ``L``: one row per label cell (A key, B sheet, C cell, D English, then each language)."""
    languages = form.family.languages
    for col, text in enumerate(("", "Sheets", "Cells", *languages), 1):
        form.put("L", 1, col, text)
    for row, (sheet, cell, english) in enumerate(form.labels, 2):
        form.put("L", row, 1, sheet + cell, f"B{row}&C{row}")
        form.put("L", row, 2, sheet)
        form.put("L", row, 3, cell)
        for col, language in enumerate(languages, 4):
            form.put("L", row, col, _translate(english, language))
    form.sink.define_name("LN", f"L!$D$1:${get_column_letter(3 + len(languages))}$1")
    form.sink.define_name("SL", "Declaration!$P$3")


# --- public API ---------------------------------------------------------------------------------------


def _check_keys(name: str, keys: Iterable[object], allowed: Iterable[object]) -> None:
    unknown = set(keys) - set(allowed)
    if unknown:
        raise ValueError(f"unknown {name}: {sorted(map(str, unknown))}")


def build_cmrt(
    *,
    version: str = "6.5",
    fmt: str = "xlsx",
    language: str = "English",
    declaration: Mapping[str, object] = _EMPTY,
    answers: Mapping[tuple[str, str], object] = _EMPTY,
    comments: Mapping[tuple[str, str], str] = _EMPTY,
    company_answers: Mapping[str, object] = _EMPTY,
    company_comments: Mapping[str, str] = _EMPTY,
    smelters: Sequence[SmelterRow] = (),
    products: Sequence[tuple[str, str | None]] | Sequence[Mapping[str, str]] = (),
    lookup: Sequence[LookupRow] = EXAMPLE_LOOKUP,
    recalculated: bool = True,
    last_row: int | None = None,
) -> bytes:
    """Return the bytes of a template-shaped CMRT workbook filled with the given answers.

    ``version`` is "6.01", "6.1", "6.22", "6.31", "6.4", "6.5" or "3.01"; ``fmt`` "xlsx" or "xls" (xls
    needs xlwt and ``recalculated=True``).  ``answers``/``comments`` are keyed by (question number, metal),
    ``company_answers``/``company_comments`` by letter.  Values are written exactly as given (" No" stays
    " No"); a ``datetime.date`` effective date becomes an Excel date cell. ``last_row`` pre-fills blank
    Smelter List rows down to that row, as the real template does down to 2504 (default: 20 past the data).

    >>> build_cmrt(declaration={"company_name": "Example Co."})[:2]
    b'PK'
    """
    if version not in _VERSIONS:
        raise ValueError(f"unsupported version {version!r}; use one of {sorted(_VERSIONS)}")
    if fmt not in ("xlsx", "xls"):
        raise ValueError(f"fmt must be 'xlsx' or 'xls', not {fmt!r}")
    if fmt == "xls" and not recalculated:
        raise ValueError("an .xls cannot hold formulas without cached values; use recalculated=True")
    if language not in _SUPPORTED_LANGUAGES:
        raise ValueError(f"language must be one of {_SUPPORTED_LANGUAGES}, not {language!r}")
    spec = _VERSIONS[version]
    family = _FAMILY_3 if version.startswith("3") else _FAMILY_6
    numbers = [str(i) for i in range(1, len(family.questions) + 1)]
    letters = [q[0] for q in family.company_questions]
    _check_keys("declaration keys", declaration, _DECLARATION_FIELDS)
    _check_keys(
        "(question, metal) keys", [*answers, *comments], [(q, m) for q in numbers for m in _DECL_METALS]
    )
    _check_keys("company question letters", [*company_answers, *company_comments], letters)

    sink: _Sink = (
        _XlsxSink(family.sheets, formulas=not recalculated, epoch_1904=family.epoch_1904)
        if fmt == "xlsx"
        else _XlsSink(family.sheets, epoch_1904=family.epoch_1904)
    )
    form = _Form(sink, family, language)
    placed = _place_lookup(lookup, family)
    _write_revision(form, spec)
    for sheet in ("Instructions", "Definitions", "Checker"):
        _write_title_sheet(form, sheet, f"{sheet} (template-shaped workbook made by cmrt)")
    _write_declaration(form, spec, declaration, answers, comments, company_answers, company_comments)
    _write_smelter_list(form, spec, smelters, placed, last_row)
    _write_product_list(form, spec, products)
    if family is _FAMILY_6:
        _write_lookup_6(form, placed)
    else:
        _write_k_3(form, placed)
        _write_standard_names_3(form, lookup)
    _write_countries(form)
    _write_l(form)
    return sink.finish()


def write_cmrt(path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`build_cmrt` ``(**options)`` to ``path`` and return it, for examples and fixtures."""
    target = Path(path)
    target.write_bytes(build_cmrt(**options))
    return target


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
        ("1", m): "Yes" if m in in_scope else "No" for m in _DECL_METALS
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
}


def _csv_text(rows: Sequence[Sequence[object]]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def example_survey() -> dict[str, bytes]:
    """The survey shipped as ``cmrt.example_survey_path()``: four suppliers' CMRTs and an illustrative
    reference (a look-up list, a status list and a revision history: made-up facilities, not RMI data).

    The suppliers fill their templates four ways: a 6.5 by look-up (the single bundled example), a 6.22
    in the German UI by typed IDs with a mine in the DRC, a 3.01 ``.xls`` with a hand-typed, misspelt
    smelter, and a 6.31 written by a tool that never recalculated it, with placeholder rows and a metal
    it declares out of scope.
    """
    files = {
        "suppliers/example_components_cmrt_6.5.xlsx": example_workbook(),
        "suppliers/sample_circuits_cmrt_6.22.xlsx": build_cmrt(
            version="6.22",
            language="Deutsch",
            declaration=_declaration("Sample Circuits GmbH", contact_email="compliance@example.de"),
            answers=_complete_answers(_DECL_METALS, q3_Tungsten="Yes"),
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
            answers={(q, m): "Yes" for q in ("1", "2") for m in _DECL_METALS},  # the rest left blank
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
        *([r.metal, r.alias, r.standard_name, r.country, r.smelter_id, r.city] for r in EXAMPLE_LOOKUP),
    ]
    standard = {r.smelter_id: r for r in EXAMPLE_LOOKUP if r.alias == r.standard_name}
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
