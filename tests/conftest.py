"""Shared test fixtures: where the real third-party workbooks are (read-only, never copied)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CMRT_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "fixtures" / "real"
REFERENCE = SHARED / "fixtures" / "reference"


def real_files(pattern: str = "*.xls*") -> list[Path]:
    """Real workbooks under shared/fixtures (empty when shared/ is absent)."""
    if not REAL.is_dir():
        return []
    return sorted(REAL.glob(pattern)) + sorted((REAL / "decrypted").glob(pattern))


needs_shared = pytest.mark.skipif(
    not REAL.is_dir(),
    reason=f"real RMI/CFSI workbooks not found at {REAL} (set CMRT_SHARED to the shared/ folder)",
)
