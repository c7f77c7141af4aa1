"""What several template families print alike, written once: the CMRT 6-style Smelter List, the Smelter
Look-up, the Mine List and Product List columns, the common answer lists, and the helpers that lay out
numbered questions and company fields. The family modules (:mod:`~cmrt.layouts.cmrt`, ``emrt``, ``crt``,
``amrt``) build on these, so a column RMI renames everywhere is renamed in one place."""

from __future__ import annotations

from cmrt.layouts.model import Column, Field, Question

Texts = tuple[tuple[str, str, tuple[str, ...]], ...]
"""(key, English text, options) per question."""

YES_NO = ("Yes", "No")
YES_NO_UNKNOWN = ("Yes", "No", "Unknown")
RESPONSE = ("100%", "Greater than 90%", "Greater than 75%", "Greater than 50%", "50% or less", "None")
""""100%" is the number 1 in the list (formatted 0%): a chosen answer is stored as 1."""


def columns(first: int, pairs: tuple[tuple[str, str], ...]) -> tuple[Column, ...]:
    """(key, header) pairs in consecutive columns from ``first`` (1 = A)."""
    return tuple(Column(key, col, header) for col, (key, header) in enumerate(pairs, first))


SMELTER_DETAILS = (
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
)  # fmt: skip
"""Smelter List columns from the smelter ID on: F-Q in CMRT 3.01 and 6.x, the EMRT, CRT and AMRT 1.3;
D-O in the AMRT 1.2."""


def smelter_columns_6(name_header: str = "Smelter Name (1)") -> tuple[Column, ...]:
    """The CMRT 6-style Smelter List, A-T (R, S, T hidden): ID input, metal, look-up, name, country, details."""
    return columns(1, (
        ("smelter_id_input", "Smelter Identification Number Input Column"),
        ("metal", "Metal (*)"),
        ("lookup_name", "Smelter Look-up (*)"),
        ("name", name_header),
        ("country", "Smelter Country (*)"),
        *SMELTER_DETAILS,
        ("standard_name", "Standard Smelter Name"),
        ("country_code", "Country Code"),
        ("state_code", "State / Province Code"),
    ))  # fmt: skip


LOOKUP_6 = columns(1, (
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
))  # fmt: skip
"""The Smelter Look-up sheet of CMRT 6.x, the EMRT, CRT and AMRT 1.3 (header row 4)."""

MINES = columns(1, (
    ("metal", "Metal"),
    ("smelter_names", "Name of Smelter(s) sourcing from this Mine Facility"),
    ("name", "Mine Facility (Site) Name"),
    ("mine_id", "Mine Identification (e.g. CID)"),
    ("id_source", "Source of Mine Facility Identification Number"),
    ("country", "Mine Facility Country"),
    ("street", "Mine Facility Street "),
    ("city", "Mine Facility City"),
    ("state_province", "Mine Facility Location: State / Province"),
    ("contact_name", "Mine Facility Contact Name"),
    ("contact_email", "Mine Facility Contact Email"),
    ("next_steps", "Proposed next steps"),
    ("comments", "Comments"),
    ("country_code", "Country Code"),  # N and O are hidden helpers
    ("state_code", "State / Province Code"),
))  # fmt: skip
"""The Mine List of the EMRT 2.x and the AMRT (header row 4, rows 5-2504)."""

MANUFACTURER = ("Manufacturer’s Product Number (*)", "Manufacturer’s Product Name")
PRODUCTS_3 = columns(2, (("number", MANUFACTURER[0]), ("name", MANUFACTURER[1]), ("comments", "Comments")))
"""Product List B-D of the CMRT, CRT, EMRT 1.x-2.0 and AMRT 1.2 (a release may relabel B and C)."""
PRODUCTS_5 = columns(2, (
    ("number", "Responder Product Number (*)"),
    ("name", "Responder Product Name"),
    ("requester_number", "Requester Product Number"),
    ("requester_name", "Requester Product Name"),
    ("comments", "Comments"),
))  # fmt: skip
"""Product List B-F of the EMRT 2.1 and AMRT 1.3."""


def numbered_questions(
    first: int, step: int, texts: Texts, only: dict[str, tuple[str, ...]] | None = None
) -> tuple[Question, ...]:
    """Questions 1, 2, … every ``step`` rows from ``first``, answered per mineral in the rows below each;
    ``only`` restricts some questions to some minerals (by number)."""
    return tuple(
        Question(str(i + 1), key, first + step * i, text, options, per_mineral=True,
                 minerals=(only or {}).get(str(i + 1), ()))
        for i, (key, text, options) in enumerate(texts)
    )  # fmt: skip


def lettered_questions(
    rows: tuple[int, ...] | int, texts: Texts, *, per_mineral: str = ""
) -> tuple[Question, ...]:
    """Company questions A, B, … at ``rows`` (or every second row from one row); the letters in
    ``per_mineral`` are answered once per mineral in the rows below them."""
    at = rows if isinstance(rows, tuple) else tuple(rows + 2 * j for j in range(len(texts)))
    return tuple(
        Question(text[:1] or "ABCDEFGHIJK"[j], key, row, text, options,
                 per_mineral=bool(text[:1]) and text[:1] in per_mineral)
        for j, (row, (key, text, options)) in enumerate(zip(at, texts, strict=True))
    )  # fmt: skip


FIELD_LABELS_AFTER_SCOPE = (
    ("company_id", "Company Unique ID:"),
    ("company_id_authority", "Company Unique ID Authority:"),
    ("address", "Address:"),
    ("contact_name", "Contact Name (*):"),
    ("contact_email", "Email – Contact (*):"),
    ("contact_phone", "Phone – Contact (*):"),
    ("authorizer_name", "Authorizer (*):"),
    ("authorizer_title", "Title - Authorizer:"),
    ("authorizer_email", "Email - Authorizer (*):"),
    ("authorizer_phone", "Phone - Authorizer:"),
    ("effective_date", "Effective Date (*):"),
)
"""The company fields after the scope, one a row, as the EMRT and AMRT label them."""


def company_fields(
    first: int, labels: tuple[tuple[str, str], ...] = FIELD_LABELS_AFTER_SCOPE
) -> tuple[Field, ...]:
    """Name, scope and its description in rows 8-10; the other fields one a row from ``first``."""
    head = (
        Field("company_name", 8, "Company Name (*):"),
        Field("scope", 9, "Declaration Scope or Class (*):"),
        Field("scope_description", 10, "Description of Scope:"),
    )
    return head + tuple(Field(key, first + i, label) for i, (key, label) in enumerate(labels))
