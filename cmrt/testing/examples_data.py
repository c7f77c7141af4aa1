"""Illustrative facilities for the examples and the tests: made up, with fictitious IDs (``CID9xxxxx``)."""

from __future__ import annotations

from cmrt.testing.rows import LookupRow

__all__ = ["EXAMPLE_LOOKUP", "EXAMPLE_MINERALS_LOOKUP"]

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

_DRC = "CONGO, DEMOCRATIC REPUBLIC OF THE"
_MINERAL_ROWS = (  # metal, alias, standard name, country, ID
    ("Aluminum", "Example Aluminium Smelter Ltd.", "", "CANADA", "CID990401"),
    ("Cobalt", "Example Cobalt Refinery SARL", "", _DRC, "CID990001"),
    ("Cobalt", "ECR Lubumbashi", "Example Cobalt Refinery SARL", _DRC, "CID990001"),
    ("Cobalt", "Sample Cobalt Chemicals Ltd.", "", "CHINA", "CID990002"),
    ("Cobalt", "Mock Cobalt Works Oy", "", "FINLAND", "CID990003"),
    ("Copper", "Illustrative Copper Refinery S.A.", "", "CHILE", "CID990201"),
    ("Graphite", "Demo Graphite Processing Co., Ltd.", "", "CHINA", "CID990501"),
    ("Lithium", "Sample Lithium Chemicals Pty Ltd", "", "AUSTRALIA", "CID990301"),
    ("Mica", "Illustrative Mica Processors Pvt. Ltd.", "", "INDIA", "CID990101"),
    ("Mica", "Demo Mica Mills", "", "MADAGASCAR", "CID990102"),
    ("Nickel", "Example Nickel Line", "", "INDONESIA", "CID990601"),
    ("Silver", "Mock Silver Refiners AG", "", "SWITZERLAND", "CID990701"),
    ("Zinc", "Test Zinc Smelting S.A.", "", "PERU", "CID990801"),
)
EXAMPLE_MINERALS_LOOKUP: tuple[LookupRow, ...] = tuple(
    LookupRow(metal, alias, standard or alias, country, cid)
    for metal, alias, standard, country, cid in _MINERAL_ROWS
)
"""Illustrative look-up rows for the EMRT, CRT and AMRT: made-up facilities, fictitious IDs (CID99xxxx)."""
