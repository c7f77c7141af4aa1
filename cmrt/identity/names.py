"""Smelter names reduced to what identifies the facility.

Suppliers and RMI's own lists write one facility many ways: "Mitsubishi Materials Corporation" /
"MITSUBISHI MATERIALS CORP.", "PT Timah Tbk Kundur" / "Timah Kundur", "Allgemeine Gold- & Silber-
scheideanstalt A.G." / "Allgemeine Gold und Silberscheideanstalt AG". The key keeps the distinctive
words and drops case, spacing, punctuation, diacritics, "&"/"and" spelling and legal forms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA

_LEGAL_FORMS = frozenset(
    """
    co company companies corp corporation inc incorporated ltd limited llc llp lp plc pty pvt private
    gmbh ag kg mbh se sa sas sarl spa srl sl slu bv nv ab as asa oy oyj aps kft zrt doo sro spzoo
    pt tbk cv jsc ojsc pjsc cjsc oao zao ooo pao tov
    kk kabushiki kaisha yk gk sdn bhd berhad tbk ltda limitada eireli me epp
    the of
    """.split()  # noqa: SIM905 - a word list reads best as words
)
"""Words that say what kind of company it is, not which one ("of" and "the" are glue, not identity)."""

_LONG_LEGAL_FORMS = ("company", "corporation", "incorporated", "limited", "limitada", "berhad", "kabushiki")
"""Legal forms long enough that a misspelling ("Liimited", "Ocmpany") is still recognisably one."""


def _legal_form(token: str) -> bool:
    """A legal form, or a long one misspelt by one letter (two for 8+ letters, a swap counting as one)."""
    if token in _LEGAL_FORMS:
        return True
    if len(token) < 6 or not token.isalpha():
        return False
    allowed = 2 if len(token) >= 8 else 1
    return any(OSA.distance(token, form, score_cutoff=allowed) <= allowed for form in _LONG_LEGAL_FORMS)


_REWRITES = (
    (re.compile(r"\bco\s*\.?,?\s*ltd\b"), " co ltd "),
    (re.compile(r"&"), " and "),
    (re.compile(r"\+"), " and "),
)


def strip_accents(text: str) -> str:
    """``text`` without combining marks: "Córrego" -> "Corrego", "Bāmyān" -> "Bamyan"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_tokens(text: object) -> list[str]:
    """The distinctive words of a smelter name, in order (see :func:`normalize_name`)."""
    if text is None:
        return []
    value = strip_accents(str(text)).casefold().replace("ß", "ss")
    for pattern, replacement in _REWRITES:
        value = pattern.sub(replacement, value)
    raw = [w for w in re.findall(r"[^\W_]+", value) if w != "and"]  # before merging: "A & A" == "AA"
    merged = _merge_letters(raw)
    # Merged again once legal forms are gone ("A AS A" -> "a a" -> "aa"), so that a key is a fixed point.
    kept = _merge_letters([w for w in merged if not _legal_form(w)])
    return kept or merged


def _merge_letters(tokens: list[str]) -> list[str]:
    """Runs of single letters as one word: "A.G." -> "ag", "S.p.A." -> "spa", "A.L.M.T." -> "almt"."""
    merged: list[str] = []
    run = ""
    for token in tokens:
        if len(token) == 1 and token.isalpha():
            run += token
            continue
        if run:
            merged.append(run)
            run = ""
        merged.append(token)
    if run:
        merged.append(run)
    return merged


def normalize_name(text: object) -> str:
    """A smelter name as a comparison key: lower case, ASCII, no punctuation or legal forms.

    >>> normalize_name("Mitsubishi Materials Corporation")
    'mitsubishi materials'
    >>> normalize_name("MITSUBISHI MATERIALS CORP.")
    'mitsubishi materials'
    >>> normalize_name("Allgemeine Gold- & Silberscheideanstalt A.G.")
    'allgemeine gold silberscheideanstalt'
    >>> normalize_name("PT Timah Tbk Kundur") == normalize_name("Timah Kundur")
    True
    >>> normalize_name("Tokuriki Honten Co., Ltd.")
    'tokuriki honten'
    >>> normalize_name("AngloGold Ashanti Córrego do Sítio Mineração")
    'anglogold ashanti corrego do sitio mineracao'
    >>> normalize_name("  ") , normalize_name(None)
    ('', '')
    >>> normalize_name("KOREA ZINC COMPANY LIIMITED")  # a misspelt legal form is still one
    'korea zinc'
    >>> normalize_name("Limited")  # a name made only of a legal form keeps it
    'limited'
    """
    if type(text) is str:
        return _name_key(text)
    return " ".join(name_tokens(text))


@lru_cache(maxsize=1 << 15)
def _name_key(text: str) -> str:
    """:func:`normalize_name` of a string, each string worked out once: a reference build meets one name
    in many files and rows, and resolution meets the reference's names again (32,768 kept, about 5 MB)."""
    return " ".join(name_tokens(text))
