"""One supplier's response as a reviewer sees it in a survey: what the roll-up keeps of each file.

A survey of thousands of files keeps this, not the whole :class:`~cmrt.CmrtReport` (that only with
``keep_reports=True``): who answered, with which template, the declared scope, every Declaration answer,
the problems found, and the row counts.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from cmrt.classification import SupplierRows
from cmrt.display import plural, shorten
from cmrt.records import CmrtReport, MineEntry, Problem, RowKind, Severity

__all__ = ["SupplierResponse"]


@attrs.frozen
class SupplierResponse:
    """One supplier's CMRT as a reviewer sees it in a survey."""

    source: str | None
    company: str | None
    template: str
    """``"CMRT"``, ``"EMRT"``, ``"CRT"`` or ``"AMRT"``: one supplier often sends a CMRT and an EMRT."""
    version: str
    language: str
    scope: str | None
    """The declaration scope as answered ("A. Company", "B. Product (or List of Products)" ...)."""
    metals_in_scope: tuple[str, ...]
    covered_countries: dict[str, str | None]
    """Per metal in scope: the answer to "do any of the smelters source from the Covered Countries?"."""
    cahra: dict[str, str | None]
    """Per metal in scope: the answer on sourcing from conflict-affected and high-risk areas (6.x)."""
    smelter_rows: int
    """Smelter List rows naming a facility."""
    placeholders: int
    """Rows naming none ("Smelter not yet identified", "Unknown", no name or ID), as the classification
    counts them."""
    problems: tuple[Problem, ...]
    answers: dict[tuple[str, str | None], str | None] = attrs.field(factory=dict, repr=False)
    """Every Declaration answer as its English option, by (question key, mineral; ``None`` for company
    questions): what a roll-up of the suppliers' answers needs (:meth:`answer`)."""
    placeholder_metals: tuple[str, ...] = ()
    """The minerals with a "Smelter not yet identified" row."""
    mines: tuple[MineEntry, ...] = attrs.field(default=(), repr=False)
    """The Mine List rows (EMRT 2.x): mines of origin, with their countries."""
    report: CmrtReport | None = attrs.field(default=None, repr=False, eq=False)
    """The whole report, only when the survey was asked to keep it (``keep_reports=True``): a survey of
    thousands of files keeps only what is above."""

    def __repr__(self) -> str:
        source = f" [{Path(self.source).name}]" if self.source else ""
        state = "complete" if self.is_complete else plural(len(self.errors), "error")
        return (
            f"<SupplierResponse {shorten(self.company or '-', 30)}{source} {self.template} {self.version}: "
            f"{plural(self.smelter_rows, 'smelter row')}, {plural(self.placeholders, 'placeholder')}; "
            f"{state}>"
        )

    def answer(self, key: str, metal: str | None = None) -> str | None:
        """The answer to question ``key`` (for ``metal`` where it is asked per mineral), ``None`` if blank."""
        return self.answers.get((key, metal))

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that would fail the template's own Checker."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def is_complete(self) -> bool:
        return not self.errors

    @property
    def declares_no_covered_sourcing(self) -> bool:
        """Every metal in scope answered "No" to sourcing from the Covered Countries."""
        answers = list(self.covered_countries.values())
        return bool(answers) and all(a == "No" for a in answers)

    @classmethod
    def of(cls, report: CmrtReport, rows: SupplierRows, *, keep_report: bool = False) -> SupplierResponse:
        """The response of ``report``, its rows counted as the classification counted them; the report
        itself kept on it only with ``keep_report``."""
        metals = report.metals_in_scope

        def answers(key: str) -> dict[str, str | None]:
            found = {m: report.answer(key, m) for m in metals}
            return {m: a.answer if a else None for m, a in found.items()}

        return cls(
            source=report.source,
            company=report.declaration.company_name,
            template=report.template,
            version=report.version,
            language=report.language,
            scope=report.declaration.scope,
            metals_in_scope=metals,
            covered_countries=answers("covered_countries"),
            cahra=answers("cahra"),
            smelter_rows=rows.rows,
            placeholders=rows.placeholders,
            problems=report.problems,
            answers={(a.key, a.metal): a.answer for a in (*report.answers, *report.company_answers)},
            placeholder_metals=tuple(
                dict.fromkeys(
                    s.metal for s in report.smelters if s.kind is RowKind.NOT_YET_IDENTIFIED and s.metal
                )
            ),
            mines=report.mines,
            report=report if keep_report else None,
        )
