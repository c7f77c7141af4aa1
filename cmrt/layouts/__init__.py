"""Template layouts as data: what each template family prints, and where, read by one engine.

The reader (:mod:`cmrt.reading`) finds fields, questions and columns by their English label text (taken
from the hidden ``L`` translation sheet when the file was saved in another UI language), so versions with
no file in hand and shifted rows read correctly; a family's cells are the fallback where a label cannot
be read. The test-file builder (:mod:`cmrt.testing`) writes the same labels into the same cells.

- :mod:`~cmrt.layouts.model`: the shape of a layout (:class:`Family`, :class:`Field`, :class:`Question`,
  :class:`Column`, :class:`Release`);
- :mod:`~cmrt.layouts.cmrt`: CMRT 1 to 6.x; :mod:`~cmrt.layouts.emrt`: EMRT 1.x and 2.x;
  :mod:`~cmrt.layouts.crt`: CRT 2.2; :mod:`~cmrt.layouts.amrt`: AMRT 1.2 and 1.3; what several of them
  print alike (the CMRT 6-style Smelter List, the look-up, Mine and Product List columns) is written once
  in :mod:`~cmrt.layouts.shared`;
- :mod:`~cmrt.layouts.vocabulary`: the label patterns the reader matches, and the answer options.

A new release is a new :class:`Release` (or :class:`Family`, when its cells moved) plus a real-file test.
"""

from __future__ import annotations

import re

from cmrt.layouts import amrt, cmrt, crt, emrt
from cmrt.layouts.model import Column, Family, Field, Question, Release
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
    "Column",
    "Family",
    "Field",
    "Question",
    "Release",
    "family_for",
    "key_for",
    "release_for",
]

FAMILIES: tuple[Family, ...] = (*cmrt.FAMILIES, *emrt.FAMILIES, *crt.FAMILIES, *amrt.FAMILIES)
"""Every family of every template, newest first within a template."""


def family_for(version: str, template: str = "CMRT") -> Family:
    """The family of a printed version of ``template``; unknown future versions read as its newest.

    >>> family_for("6.5").name, family_for("3.01").name, family_for("2.03a").name, family_for("2").name
    ('CMRT 6', 'CMRT 3', 'CMRT 2.02-2.03a', 'CMRT 2.00-2.01')
    >>> family_for("7.0").name
    'CMRT 6'
    """
    families = [f for f in FAMILIES if f.template == template]
    if not families:
        raise ValueError(f"no layout for template {template!r}")
    for family in families:
        if re.search(family.version_pattern, version):
            return family
    return families[0]


def release_for(family: Family, version: str) -> Release:
    """The release of ``family`` printed as ``version`` (a bare one for versions with no entry)."""
    return next((r for r in family.releases if r.version == version), Release(version, ""))
