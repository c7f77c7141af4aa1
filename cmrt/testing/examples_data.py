"""Illustrative facilities for the examples and the tests: made up, with fictitious IDs (``CID9xxxxx``)."""

from __future__ import annotations

from cmrt.testing.rows import LookupRow

__all__ = ["EXAMPLE_LOOKUP"]

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
