"""English label texts of every CMRT version, as patterns, and the answer options.

Patterns are matched (``re.search``) against a label folded by :func:`fold`: lower case, curly quotes
and dashes made plain, mandatory markers ``(*)`` and ``(1)`` removed, white space collapsed. Order
matters: the first pattern that matches wins, so the specific ones come first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_PUNCT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_MARKER = re.compile(r"\(\s*[*1]\s*\)")
_SPACES = re.compile(r"\s+")


def fold(text: object) -> str:
    """A label reduced to what its wording means.

    >>> fold("  Email – Contact (*):")
    'email - contact:'
    >>> fold("Smelter Street ")
    'smelter street'
    """
    if text is None:
        return ""
    value = str(text).translate(_PUNCT).lower()
    value = _MARKER.sub(" ", value)
    return _SPACES.sub(" ", value).strip().replace(" :", ":")


def key_for(text: str, patterns: tuple[tuple[str, str], ...]) -> str | None:
    """The key of the first pattern matching the folded ``text``, or ``None``."""
    folded = fold(text)
    if not folded:
        return None
    for key, pattern in patterns:
        if searcher(pattern)(folded):
            return key
    return None


_SEARCHERS: dict[str, Callable[[str], object]] = {}
_MAX_SEARCHERS = 512
"""As many patterns as ``re`` keeps compiled; the templates' own are about 100."""
_SYNTAX = frozenset(".^$*+?{}[]()|\\")
_ESCAPED = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ")
"""Characters a backslash makes literal (every ASCII punctuation character, and space)."""
Alternative = tuple[bool, str, bool]
"""A pattern's alternative of plain text: (anchored at the start, the text, anchored at the end)."""


def searcher(pattern: str) -> Callable[[str], object]:
    """``re.search(pattern, text)``'s truth as a function of ``text``, made once per pattern. Most label
    patterns are words, anchors and alternatives (``"^smelter id$|^smelter identification$"``): those are
    tested with string methods and never compiled (compiling the 60-odd a read meets took about 2 ms, a
    quarter of the Python of a first read of a blank template); any other is compiled, and searched."""
    found = _SEARCHERS.get(pattern)
    if found is None:
        alternatives = _plain(pattern)
        found = re.compile(pattern).search if alternatives is None else _plain_searcher(alternatives)
        if len(_SEARCHERS) >= _MAX_SEARCHERS:  # patterns made on the fly must not grow it for ever
            _SEARCHERS.clear()
        _SEARCHERS[pattern] = found
    return found


def _plain(pattern: str) -> tuple[Alternative, ...] | None:
    """A pattern's alternatives where each is plain text between optional ``^`` and ``$`` (punctuation
    escaped at most), else ``None``."""
    alternatives: list[Alternative] = []
    chars: list[str] = []
    start = end = False
    i = 0
    while i <= len(pattern):
        char = pattern[i] if i < len(pattern) else "|"
        if char == "|":
            alternatives.append((start, "".join(chars), end))
            chars, start, end = [], False, False
        elif end:
            return None  # text after a "$"
        elif char == "^" and not chars and not start:
            start = True
        elif char == "$" and pattern[i + 1 : i + 2] in ("", "|"):
            end = True
        elif char == "\\" and pattern[i + 1 : i + 2] in _ESCAPED:
            chars.append(pattern[i + 1])
            i += 1
        elif char in _SYNTAX:
            return None
        else:
            chars.append(char)
        i += 1
    return tuple(alternatives)


def _plain_searcher(alternatives: tuple[Alternative, ...]) -> Callable[[str], bool]:
    """Whether any alternative is in a text, as ``re.search`` finds it: ``^`` at the start only, ``$`` at
    the end and before a newline that ends the text."""
    exact = frozenset(t for s, text, e in alternatives if s and e for t in (text, text + "\n"))
    starts = tuple(text for s, text, e in alternatives if s and not e)
    ends = tuple(t for s, text, e in alternatives if e and not s for t in (text, text + "\n"))
    inside = tuple(text for s, text, e in alternatives if not s and not e)
    if not inside:
        return lambda text: text.startswith(starts) or text.endswith(ends) or text in exact
    return lambda text: (
        text.startswith(starts) or text.endswith(ends) or text in exact or any(t in text for t in inside)
    )


DECLARATION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("company_id_authority", r"unique id(entifier)? authority"),
    ("company_id", r"^company unique id"),
    ("company_name", r"^company name"),
    ("scope_description", r"^description of scope"),
    ("scope", r"^declaration scope"),
    ("address", r"^address"),
    ("authorizer_title", r"^title\b.*authori|^representative title|^title:"),
    ("authorizer_email", r"^e-?mail\b.*authori|^representative e-?mail"),
    ("authorizer_phone", r"^phone\b.*authori|^representative phone"),
    ("authorizer_name", r"^authori[sz]er|^authori[sz]ed (company|management) representative"),
    ("contact_email", r"^e-?mail\b.*contact|^contact e-?mail"),
    ("contact_phone", r"^phone\b.*contact|^contact phone"),
    ("contact_name", r"contact name"),
    ("effective_date", r"^effective date|^date of completion"),
)

QUESTION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("intentionally_added", r"intentionally added"),
    ("remains_in_product", r"remain in the product|contained in the finished product"),
    ("necessary_to_product", r"necessary to the functionality or production of your company's products that"),
    ("cahra", r"conflict-affected and high-risk"),
    ("covered_countries", r"covered countr|drc or an adjoining countr"),
    ("recycled_scrap", r"recycled or scrap sources|recycler or scrap supplier"),
    ("supplier_response", r"percentage of relevant suppliers|received conflict metals data"
                          r"|received .*from all (relevant )?(of your )?suppliers"),
    ("all_smelter_info_reported", r"all applicable smelter (or processor )?information"),
    ("all_smelters_identified", r"identified all"),
    ("all_smelters_validated", r"validated as compliant|on the eicc-gesi conflict-free smelter"),
)  # fmt: skip

COMPANY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("policy_covers_annex_ii", r"policy cover.*annex ii"),
    ("require_suppliers_annex_ii", r"require suppliers'? due diligence practices to cover"),
    ("require_suppliers_due_diligence", r"require suppliers to exercise due diligence"),
    ("policy_public", r"publicly available"),
    ("corrective_action", r"corrective action"),
    ("annual_disclosure", r"annual conflict minerals disclosure|subject to the sec|disclosure requirement"),
    ("templates_from_all_suppliers", r"completed conflict minerals reporting templates from all"),
    ("request_smelter_names", r"request smelter names"),
    ("require_suppliers_conflict_free", r"require your direct suppliers to be (drc )?conflict[- ]free"),
    ("require_validated_smelters", r"require your direct suppliers to source"),
    ("review_supplier_information", r"(review|verify) .*(information|responses) .*from your suppliers"
                                    r"|(review|verify) due diligence information"),
    ("supplier_survey", r"survey|ipc-?1755|request your suppliers to fill out"),
    ("due_diligence", r"due diligence"),
    ("policy", r"policy"),
)  # fmt: skip

HEADER_PATTERNS: tuple[tuple[str, str], ...] = (
    ("smelter_id_input", r"identification number input"),
    ("id_source", r"^source of smelter identification"),
    ("smelter_id", r"^smelter identification$|^smelter id$"),
    ("standard_name", r"^standard smelter name$"),
    ("country_code", r"^country code$"),
    ("state_code", r"province code$"),
    ("metal", r"^metal"),
    ("lookup_name", r"^smelter look-?up|^smelter reference list"),
    ("mine_names", r"^name of mine"),
    ("mine_countries", r"location \(country\) of mine"),
    ("recycled_scrap", r"100% of the smelter"),
    ("name", r"^smelter name|^standard smelter names$"),
    ("country", r"^smelter country|location: country$|street / city / country"),
    ("street", r"street"),
    ("city", r"city$"),
    ("state_province", r"state / province$"),
    ("contact_name", r"contact name$"),
    ("contact_email", r"contact email$"),
    ("next_steps", r"proposed next steps"),
    ("comments", r"^comments$"),
)

LOOKUP_PATTERNS: tuple[tuple[str, str], ...] = (
    ("key", r"metal\s*\+\s*alias"),
    ("metal", r"^metal$"),
    ("alias", r"^smelter look-?up|^smelter names$|^smelter reference list|^known alias"),
    ("standard_name", r"^standard smelter names?$|^common name"),
    ("country", r"country"),
    ("source", r"^source"),
    ("smelter_id", r"^(new )?smelter id"),
    ("street", r"street"),
    ("city", r"city$"),
    ("state_province", r"state / province$"),
)

PRODUCT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("requester_number", r"^requester'?s? product number"),
    ("requester_name", r"^requester'?s? product name"),
    ("number", r"product (or item )?number"),
    ("name", r"product name|product or item description"),
    ("comments", r"^comments$"),
)

MINE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("smelter_names", r"name of smelter"),
    ("id_source", r"^source of mine"),
    ("mine_id", r"mine identification"),
    ("country_code", r"^country code$"),
    ("state_code", r"province code$"),
    ("name", r"mine facility \(site\) name|^mine (facility )?name|^name of mine"),
    ("country", r"country"),
    ("metal", r"^metal|^mineral"),
    ("street", r"street"),
    ("city", r"city$"),
    ("state_province", r"state / province$"),
    ("contact_name", r"contact name$"),
    ("contact_email", r"contact e-?mail$"),
    ("next_steps", r"proposed next steps"),
    ("comments", r"^comments$"),
)
"""Mine List headers (EMRT 2.x, AMRT)."""

ANSWER_OPTIONS: tuple[str, ...] = (
    "Yes", "No", "Unknown", "Uncertain or Unknown",
    "100%", "Greater than 90%", "Greater than 75%", "Greater than 50%", "50% or less", "None",
    "Yes, 100%", "No, but greater than 75%", "No, but greater than 50%", "No, but greater than 25%",
    "No, but less than 25%",
    "No but > 75%", "No but > 50%", "No but > 25%", "No but < 25%", "No - none",
    "Yes all smelters have been provided",
    "Yes, in conformance with IPC1755 (e.g., CMRT)", "Yes, using other format (describe)",
    "Yes, with the SEC", "Yes, with the EU", "Yes, with the SEC and the EU",
    "Yes included in standard contract language", "Planned once lists become available",
    "Yes (3rd party audit)", "Yes (documentation review only)", "Yes (internal audit)",
    "Yes (all methods apply)",
    "Not applicable for this declaration", "Not declaring", "Did not survey", "DRC only",
    "India and/or Madagascar only", "DRC or adjoining countries only", "Yes, when more processors are validated",
    "Yes, in conformance with IPC1755 (e.g. EMRT)", "Yes, Using Other Format (Describe)", "Yes, CRT",
)  # fmt: skip
"""Every dropdown option of CMRT 1 to 6.5, EMRT, CRT and AMRT, in English (answers are stored in English in
any UI language; the layouts' options are checked against this list by the tests)."""


def _fold_answer(text: str) -> str:
    return re.sub(r"\s*%", "%", re.sub(r"[\s,]+", " ", text.lower())).strip()


_OPTIONS = {_fold_answer(o): o for o in ANSWER_OPTIONS}
_EXACT = frozenset(ANSWER_OPTIONS)

LOW_RESPONSE = frozenset({
    "50% or less", "None", "No, but greater than 25%", "No, but less than 25%", "No but > 25%",
    "No but < 25%", "No - none",
})  # fmt: skip
"""Supplier-response answers below 50%: a reviewer's red flag."""
FULL_RESPONSE = frozenset({"100%", "Yes, 100%", "Yes"})


def normalize_answer(value: object, key: str | None = None) -> str | None:
    """A dropdown answer as its English option; ``None`` for blank.

    Legacy lists stored a leading space (``" No"``); CMRT 6.01-6.22 store "100%" as the number 1.

    >>> normalize_answer(" No"), normalize_answer(1, "supplier_response"), normalize_answer("yes, 100 %")
    ('No', '100%', 'Yes, 100%')
    >>> normalize_answer("Peut-être") is None
    False
    """
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if key == "supplier_response" and abs(float(value) - 1.0) < 1e-9:
            return "100%"
        return f"{value:g}"
    text = str(value).strip()
    if not text:
        return None
    if text in _EXACT:  # templates spell one option differently: keep each one's own
        return text
    return _OPTIONS.get(_fold_answer(text), text)


def is_known_answer(answer: str) -> bool:
    return answer in ANSWER_OPTIONS
