"""A supplier survey rolled up: every response read and checked, every facility classified.

``survey(paths, reference)`` is what a compliance team runs once a year on the folder of CMRTs its
suppliers sent back. Files are read in worker processes (``jobs=``) with a progress callback; a file that
cannot be read, or that kills the worker reading it, is reported in :attr:`Survey.failures` and the rest
goes on (:mod:`cmrt.batch`). The result holds, per supplier, what a reviewer looks at first
(completeness, declared scope, the answers on Covered-Country and CAHRA sourcing), and for the survey the
numbers and annex of a Conflict Minerals Report.

A survey is a map and a combine: each file becomes a small :class:`SurveyPart` where it is read
(:func:`read_part`: its rows resolved against the reference, its :class:`SupplierResponse`; not the
report), parts are joined by the associative :func:`combine`, and :func:`finish` classifies once. The
local worker pool runs exactly these steps, and so does :mod:`cmrt.dask` on a cluster; memory grows
with the rows of a survey, not with its reports.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import attrs

from cmrt.batch import FileFailure, Progress, check_jobs, failure, map_in_order, read_all, read_one
from cmrt.cahra import CahraList
from cmrt.classification import Classification, Summary, as_cahra, as_reference, split_sources, supplier_name
from cmrt.classification import partial as partials
from cmrt.dates import as_date
from cmrt.display import html_table, plural
from cmrt.errors import CmrtError
from cmrt.identity.reference import SmelterReference
from cmrt.records import METALS, CmrtReport
from cmrt.responses import SupplierResponse
from cmrt.workbook.source import read_path

if TYPE_CHECKING:  # pragma: no cover
    from cmrt.deliverables.compare import Comparison

__all__ = [
    "SupplierResponse",
    "Survey",
    "SurveyPart",
    "combine",
    "finish",
    "read_all",
    "read_part",
    "survey",
    "survey_part",
]


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


@attrs.frozen
class SurveyPart:
    """What some files contribute to a survey: their rows resolved (a classification
    :class:`~cmrt.classification.Partial`) and their responses, in order. Picklable; small next to the
    reports it was made from."""

    partial: partials.Partial = partials.Partial()
    responses: tuple[SupplierResponse, ...] = ()

    @property
    def failures(self) -> tuple[FileFailure, ...]:
        return self.partial.failures

    def __repr__(self) -> str:
        return f"<SurveyPart {len(self.responses)} responses, {self.partial!r}>"


def survey_part(
    report: CmrtReport, reference: SmelterReference, *, index: int = 0, keep_report: bool = False
) -> SurveyPart:
    """The map step for a report already read (``index``: its place, naming a report with no company and
    no file "report N")."""
    partial = partials.of_report(report, reference, supplier_name(report, index))
    response = SupplierResponse.of(report, partial.suppliers[0], keep_report=keep_report)
    return SurveyPart(partial, (response,))


def read_part(
    path: str, *, reference: SmelterReference, password: str | None = None, keep_report: bool = False
) -> SurveyPart:
    """The map step for one file, where it is read (a worker process, a Dask worker): the file read,
    checked and its rows resolved; a file that cannot be read is a part holding its failure."""
    try:
        report = read_one(path, password)
    except CmrtError as exc:
        return failed_part(failure(path, exc))
    return survey_part(report, reference, keep_report=keep_report)


def failed_part(lost: FileFailure) -> SurveyPart:
    """The part of a file that could not be read."""
    return SurveyPart(partials.Partial(failures=(lost,)))


def combine(*parts: SurveyPart) -> SurveyPart:
    """Parts joined in the order given; associative, so they may be combined in any grouping that keeps
    their order. ``combine()`` is the empty part."""
    return SurveyPart(
        partials.combine(*(p.partial for p in parts)), tuple(r for p in parts for r in p.responses)
    )


def compact(
    part: SurveyPart, reference: SmelterReference, interner: partials.Interner | None = None
) -> SurveyPart:
    """``part`` as a survey keeps it: rows as :func:`cmrt.classification.partial.compact` keeps them, and
    the responses' equal strings, answers and problems shared through ``interner`` (kept across calls)."""
    interner = partials.Interner(reference) if interner is None else interner
    return SurveyPart(
        partials.compact(part.partial, reference, interner),
        tuple(_compact_response(r, interner) for r in part.responses),
    )


def _compact_response(response: SupplierResponse, interner: partials.Interner) -> SupplierResponse:
    value = interner.value
    return attrs.evolve(
        response,
        company=value(response.company),
        source=value(response.source),
        template=value(response.template),
        version=value(response.version),
        language=value(response.language),
        scope=value(response.scope),
        metals_in_scope=value(response.metals_in_scope),
        covered_countries={value(k): value(v) for k, v in response.covered_countries.items()},
        cahra={value(k): value(v) for k, v in response.cahra.items()},
        problems=value(tuple(value(p) for p in response.problems)),
        answers={value(k): value(v) for k, v in response.answers.items()},
        placeholder_metals=value(response.placeholder_metals),
        mines=value(tuple(value(m) for m in response.mines)),
    )


def finish(
    part: SurveyPart,
    reference: SmelterReference,
    *,
    as_of: dt.date | None = None,
    cahra: CahraList | None = None,
) -> Survey:
    """The reduce step: the combined part classified into the :class:`Survey`."""
    classification = partials.classify(part.partial, reference, as_of=as_of, cahra=cahra)
    return Survey(part.responses, classification.failures, classification)


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
    keep_reports: bool = False,
) -> Survey:
    """Read (in ``jobs`` processes), check and classify a whole supplier survey.

    ``sources``: workbook paths, directories (searched for .xlsx/.xlsm/.xls) or already-read reports.
    Other arguments as for :func:`~cmrt.classify_smelters`. Every argument is checked, and the reference
    built, before the first file is read. Of each file read only its :class:`SupplierResponse` and its
    rows are kept, so memory grows with rows, not reports; ``keep_reports=True`` keeps each whole
    :class:`~cmrt.CmrtReport` on :attr:`SupplierResponse.report` too (reports given are always kept).
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
    parts = [
        survey_part(report, reference, index=index, keep_report=True) for index, report in enumerate(reports)
    ]
    interner = partials.Interner(reference)
    parts += map_in_order(
        functools.partial(read_part, reference=reference, password=password, keep_report=keep_reports),
        paths,
        failed=failed_part,
        kept=lambda part: compact(part, reference, interner),
        jobs=jobs,
        progress=progress,
        isolate=isolate,
    )
    return finish(combine(*parts), reference, as_of=as_of, cahra=cahra)
