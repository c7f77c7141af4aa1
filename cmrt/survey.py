"""A supplier survey rolled up: every response read and checked, every facility classified.

``survey(paths, reference)`` is what a compliance team runs once a year on the folder of CMRTs its
suppliers sent back. Files are read in worker processes (``jobs=``) with a progress callback; a file that
cannot be read, or that kills the worker reading it, is reported in :attr:`Survey.failures` and the rest
goes on (:mod:`cmrt.batch`). The result holds, per supplier,
what a reviewer looks at first (completeness, declared scope, the answers on Covered-Country and CAHRA
sourcing), and for the survey the numbers and annex of a Conflict Minerals Report.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import attrs

from cmrt.batch import FileFailure, Progress, check_jobs, read_all
from cmrt.cahra import CahraList
from cmrt.classification import (
    Classification,
    Summary,
    SupplierRows,
    as_cahra,
    as_reference,
    classify_smelters,
    split_sources,
    supplier_name,
)
from cmrt.dates import as_date
from cmrt.display import html_table, plural, shorten
from cmrt.identity.reference import SmelterReference
from cmrt.records import METALS, CmrtReport, Problem, Severity
from cmrt.workbook.source import read_path

if TYPE_CHECKING:  # pragma: no cover
    from cmrt.deliverables.compare import Comparison

__all__ = ["SupplierResponse", "Survey", "read_all", "survey"]


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
    report: CmrtReport = attrs.field(repr=False, eq=False)

    def __repr__(self) -> str:
        source = f" [{Path(self.source).name}]" if self.source else ""
        state = "complete" if self.is_complete else plural(len(self.errors), "error")
        return (
            f"<SupplierResponse {shorten(self.company or '-', 30)}{source} {self.template} {self.version}: "
            f"{plural(self.smelter_rows, 'smelter row')}, {plural(self.placeholders, 'placeholder')}; "
            f"{state}>"
        )

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
    def of(cls, report: CmrtReport, rows: SupplierRows) -> SupplierResponse:
        """The response of ``report``, its rows counted as the classification counted them."""
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
            report=report,
        )


@attrs.frozen
class Survey:
    """A whole survey: the responses, the files that failed, and the classified facilities."""

    responses: tuple[SupplierResponse, ...]
    failures: tuple[FileFailure, ...]
    classification: Classification

    def summary(self) -> Summary:
        return self.classification.summary()

    def __repr__(self) -> str:
        return f"<Survey {self.headline}>"

    def compare(self, previous: Any) -> Comparison:
        """What changed since ``previous`` (last year's :class:`Survey`, or its saved JSON: a path, the
        text or the parsed dict of ``cmrt classify --format json``): facilities added and dropped, status
        changes, suppliers who answered better or worse, by metal."""
        from cmrt.deliverables.compare import compare

        return compare(previous, self)

    def to_html(self, *, previous: Any = None, title: str | None = None) -> str:
        """The report people look at: one self-contained HTML page (headline, charts with the
        ``cmrt[report]`` extra, else tables; needs attention, follow-up, a sortable facility table; "since
        last year" with ``previous``, as for :meth:`compare`). Nothing is loaded from the network."""
        from cmrt.deliverables.report_html import survey_html

        changes = self.compare(previous) if previous is not None else None
        return survey_html(self, previous=changes, title=title)

    def to_cmrt(
        self, template: bytes | str | os.PathLike[str], declaration: Mapping[str, object], **answers: Any
    ) -> bytes:
        """Your own CMRT (or EMRT): your blank RMI ``template`` (its bytes or path) filled with
        ``declaration`` and this survey rolled up: one Smelter List row per facility of the template's
        minerals, per-mineral answers rolled up conservatively; ``answers``, ``company_answers``,
        ``company_comments`` and ``products`` as :func:`cmrt.deliverables.own_template.own_template`
        takes them. The template's formulas, validations and formatting are kept; returns the bytes."""
        from cmrt.deliverables.own_template import own_template

        data = template if isinstance(template, bytes) else read_path(str(template), what="template")
        return own_template(self, data, declaration, **answers)

    def to_excel(self, file: BinaryIO | None = None, *, previous: Any = None) -> bytes:
        """The annex workbook (``.xlsx`` bytes): Summary (headline, counts by status and metal, the
        Covered-Country and CAHRA cases, the lists and reference files used, the as-of date), Facilities,
        Suppliers and Follow-up (one row per thing to ask a supplier, with where it sits in their file);
        with ``previous`` (as for :meth:`compare`) a Changes sheet too. Written to ``file`` too when a binary
        file object is given; cmrt writes no file of its own."""
        from cmrt.deliverables.annex import annex_workbook

        data = annex_workbook(self, self.compare(previous) if previous is not None else None)
        if file is not None:
            file.write(data)
        return data

    def _repr_html_(self) -> str:
        responses = [
            (r.company, Path(r.source).name if r.source else "", f"{r.template} {r.version}", r.language,
             ", ".join(r.metals_in_scope), r.smelter_rows, r.placeholders, len(r.errors))
            for r in self.responses
        ]  # fmt: skip
        failures = [(f.source, f.kind, f.error) for f in self.failures]
        header = ("Company", "File", "Template", "Language", "Minerals", "Rows", "Placeholders", "Errors")
        return (
            html_table(self.headline, header, responses, note="Responses")
            + (html_table("Unreadable files", ("File", "Error", "Message"), failures) if failures else "")
            + self.classification._repr_html_()
        )

    def by_supplier(self) -> dict[str, tuple[SupplierResponse, ...]]:
        """The responses of each supplier (by declared company, else file name): a CMRT and an EMRT from
        one company stay together."""
        grouped: dict[str, list[SupplierResponse]] = {}
        for response in self.responses:
            grouped.setdefault(response.company or response.source or "-", []).append(response)
        return {company: tuple(responses) for company, responses in grouped.items()}

    def response_counts(self) -> dict[str, int]:
        """How many files were given, read, complete, company- or product-level, of each template ..."""
        scopes = [(r.scope or "").strip().upper()[:1] for r in self.responses]
        templates = {t: sum(r.template == t for r in self.responses) for t in ("CMRT", "EMRT", "CRT", "AMRT")}
        return {
            "files": len(self.responses) + len(self.failures),
            "read": len(self.responses),
            "unreadable": len(self.failures),
            "complete": sum(r.is_complete for r in self.responses),
            "incomplete": sum(not r.is_complete for r in self.responses),
            "company_level": scopes.count("A"),
            "product_level": scopes.count("B"),
            "user_defined_scope": scopes.count("C"),
            "declare_no_covered_country_sourcing": sum(
                r.declares_no_covered_sourcing for r in self.responses
            ),
            "placeholder_rows": self.classification.placeholders,
            "suppliers": len(self.by_supplier()),
            **{f"{t.lower()}_files": n for t, n in templates.items() if n},
        }

    @property
    def headline(self) -> str:
        """Responses, then the facility numbers: what the first paragraph of a report says."""
        counts = self.response_counts()
        failed = f", {counts['unreadable']} unreadable" if counts["unreadable"] else ""
        return (
            f"{plural(counts['read'], 'supplier response')} ({counts['complete']} complete{failed}); "
            f"{self.summary().headline}"
        )

    def annex(self, program: str | None = None) -> list[dict[str, str]]:
        """The facility table of a Conflict Minerals Report: metal, smelter name, country, status.

        ``program`` ``"3TG"`` keeps tin, tantalum, tungsten and gold (what the SEC's report covers),
        ``"other"`` the other minerals; by default all, 3TG first."""
        if program not in (None, "3TG", "other"):
            raise ValueError(f"program must be '3TG', 'other' or None, not {program!r}")
        return [
            {
                "metal": f.metal,
                "name": f.name,
                "country": f.country.name if f.country else "",
                "status": f.status.value,
            }
            for f in self.classification.facilities
            if program is None or (f.metal in METALS) == (program == "3TG")
        ]


def survey(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str] | CmrtReport],
    reference: SmelterReference | str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    as_of: dt.date | dt.datetime | str | None = None,
    cahra: CahraList | str | os.PathLike[str] | Iterable[str] | None = None,
    jobs: int | None = 1,
    progress: Progress | None = None,
    password: str | None = None,
    isolate: bool = True,
) -> Survey:
    """Read (in ``jobs`` processes), check and classify a whole supplier survey.

    ``sources``: workbook paths, directories (searched for .xlsx/.xlsm/.xls) or already-read reports.
    Other arguments as for :func:`~cmrt.classify_smelters`. Every argument is checked, and the reference
    built, before the first file is read.
    """
    as_of = as_date(as_of, "as_of")
    check_jobs(jobs)
    paths, reports, rows = split_sources(sources)
    if rows:
        raise TypeError(
            "survey() reads supplier workbooks and reports; classify plain rows with classify_smelters()"
        )
    reference = as_reference(reference)
    cahra = as_cahra(cahra)
    read, failures = read_all(paths, password=password, jobs=jobs, progress=progress, isolate=isolate)
    reports += read
    classification = classify_smelters(reports, reference, as_of=as_of, cahra=cahra)
    classification = attrs.evolve(classification, failures=tuple(failures))
    counted = {(s.supplier, s.source): s for s in classification.suppliers}
    responses = tuple(
        SupplierResponse.of(report, counted[(supplier_name(report, index), report.source)])
        for index, report in enumerate(reports)
    )
    return Survey(responses, tuple(failures), classification)
