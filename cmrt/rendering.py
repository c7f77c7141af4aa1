"""What the ``cmrt`` command prints: a report, a check and a survey as text for people (lines fitted to a
terminal's width) and as JSON-ready data. Pure functions of records: nothing here reads or writes files."""

from __future__ import annotations

import enum
import io
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from cmrt.display import plural, visible

if TYPE_CHECKING:  # a report is printed without the classifier: what surveys need is imported with them
    from cmrt.classification import Facility
    from cmrt.deliverables.compare import SURVEY_SCHEMA
    from cmrt.records import CmrtReport
    from cmrt.survey import SupplierResponse, Survey

__all__ = ["SURVEY_SCHEMA", "facilities_csv", "plain", "render", "render_survey", "survey_json", "to_json"]

DEFAULT_WIDTH = 80


def __getattr__(name: str) -> Any:
    """``SURVEY_SCHEMA``, re-exported from :mod:`cmrt.deliverables.compare` when asked for."""
    if name == "SURVEY_SCHEMA":
        from cmrt.deliverables.compare import SURVEY_SCHEMA

        return SURVEY_SCHEMA
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The survey for people --------------------------------------------------------------------------------


def _fill(
    parts: Sequence[str], width: int | None, first: str = "", rest: str = "  ", sep: str = "; "
) -> list[str]:
    """``parts`` joined by ``sep`` into lines of at most ``width``, broken between parts (within one only
    when it is longer than a line); ``width`` None: one line, nothing cut."""
    parts = [p for p in parts if p]
    if width is None:
        return [first + sep.join(parts)]
    mark = sep.rstrip()
    lines: list[str] = []
    line = ""
    for index, part in enumerate(parts):
        tail = "" if index == len(parts) - 1 else mark
        if line:
            if len(line) + len(sep) + len(part) + len(tail) <= width:
                line += sep + part
                continue
            lines.append(line + mark)
        indent = rest if lines else first
        if len(indent) + len(part) + len(tail) <= width:
            line = indent + part
            continue
        chunks = _wrap(part, width - len(tail), indent, rest)
        lines += chunks[:-1]
        line = chunks[-1] if chunks else indent
    if line:
        lines.append(line)
    return lines


def _wrap(text: str, width: int | None, first: str = "", rest: str = "  ") -> list[str]:
    """``text`` in lines of at most ``width`` (None: one line), the first indented by ``first``."""
    return (
        [first + text]
        if width is None
        else textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)
    )


_GROUP_FLAG = {"status_conflict": "removed_from_rmi_list", "removed": "removed_from_rmi_list"}
_GROUP_FLAG["unidentified_shared"] = "unidentified"
"""The flag whose notes say why a facility stands in a group of ``Summary.needs_attention``, where it is
not the group's own key."""


def render_survey(result: Survey, width: int | None = DEFAULT_WIDTH) -> str:
    """The survey for people: headline, lists used, warnings, suppliers, the facility annex, the cases that
    need attention. Lines fit ``width`` columns; ``width`` None puts each supplier and facility on one
    line, nothing cut."""
    from cmrt.classification import ATTENTION_TITLES, list_label

    c = result.classification
    summary = result.summary()
    lines = _fill(result.headline.split("; "), width)
    used = [list_label(s) for s in c.lists] or ["none (every facility is Indeterminable)"]
    lines += _fill(used, width, first="Status lists: ", sep=", ")
    superseded = [list_label(s) for s in c.superseded_lists]
    lines += _fill(superseded, width, "Superseded lists (not used): ", sep=", ") if superseded else []
    if c.as_of:
        lines.append(f"As of: {c.as_of}")
        if summary.audit_overdue:
            lines.append(f"Audits overdue as of {c.as_of}: {len(summary.audit_overdue)}")
    for problem in c.problems:
        lines += _wrap(problem.message, width, first=f"{problem.severity.value.capitalize()}: ")
    lines += ["", "Suppliers:"]
    for r in result.responses:
        lines += _supplier(r, width)
    for failure in result.failures:
        lines += _wrap(f"UNREADABLE {failure.source}: {failure.error}", width, "  ", "    ")
    lines += ["", "Facilities:"]
    lines += _facilities(c.facilities, width)
    if summary.needs_attention:
        lines += ["", "Needs attention:"]
        for key, facilities in summary.needs_attention.items():
            title = ATTENTION_TITLES.get(key, key.replace("_", " "))
            lines += _wrap(f"{title}: {plural(len(facilities), 'facility')}", width, "  ", "    ")
            for f in facilities:
                lines += _attention(f, key, width)
    return visible("\n".join(lines))


def _supplier(r: SupplierResponse, width: int | None) -> list[str]:
    # The CMRT asks about Covered Countries; the EMRT, CRT and AMRT about CAHRAs (the DRC's included).
    sourcing, asked = ("covered-country", r.covered_countries) if r.template == "CMRT" else ("CAHRA", r.cahra)
    answered = ", ".join(f"{m} {a or '-'}" for m, a in asked.items()) or "-"
    who = f"{r.company or '-'} [{Path(r.source or '-').name}]"
    about = f"{r.template} {r.version}, {r.language}"
    parts = [
        f"scope {r.scope or '-'}",
        f"metals {', '.join(r.metals_in_scope) or 'none'}",
        f"{plural(r.smelter_rows, 'smelter row')}, {plural(r.placeholders, 'placeholder')}",
        plural(len(r.errors), "error"),
        f"{sourcing} sourcing: {answered}",
    ]
    if width is None:
        return _fill([f"{who} {about}", *parts], None, "  ")
    return [*_wrap(who, width, "  ", "    "), *_fill([about, *parts], width, "    ", "    ")]


def _facilities(facilities: Sequence[Facility], width: int | None) -> list[str]:
    head = f"  {'Metal':<9} {'Smelter ID':<10} {'Status':<14} "
    rows = [
        (f"  {f.metal:<9} {f.smelter_id or '-':<10} {f.status.value:<14} ",
         f.country.name if f.country else "-", f.name,
         f"[{', '.join(sorted(x.value for x in f.flags))}]" if f.flags else "")
        for f in facilities
    ]  # fmt: skip
    if width is None:
        wide = max([len("Country"), *(len(country) for _, country, _, _ in rows)])
        lines = [f"{head}{'Country':<{wide}} Name [flags]"]
        return lines + [f"{p}{country:<{wide}} {name} {flags}".rstrip() for p, country, name, flags in rows]
    at = " " * (len(head) if width - len(head) >= 20 else 6)  # where names and countries start
    lines = [f"{head}Name"] if len(at) == len(head) else [head.rstrip(), f"{at}Name"]
    lines.append(f"{at}Country [flags]")
    for prefix, country, name, flags in rows:
        indent = " " * (len(prefix) if width - len(prefix) >= 20 else 6)
        if len(indent) == len(prefix):
            lines += _wrap(name, width, prefix, indent)
        else:  # a long metal or ID, or a narrow terminal: the name on lines of its own
            lines += [prefix.rstrip(), *_wrap(name, width, indent, indent)]
        lines += _wrap(f"{country} {flags}".rstrip(), width, indent, indent)
    return lines


def _attention(f: Facility, group: str, width: int | None) -> list[str]:
    """A facility under one group of "Needs attention": who it is, its status and why, the notes that put
    it in this group, and who named it."""
    where = f" ({f.country.name})" if f.country else ""
    lines = _wrap(f"{f.metal} {f.smelter_id or '-'} {f.name}{where}", width, "    ", "      ")
    lines += _wrap(f"{f.status.value}: {f.status_reason}", width, "      ", "        ")
    prefix = f"{_GROUP_FLAG.get(group, group)}: "
    why = [n[len(prefix) :] for n in f.notes if n.startswith(prefix)] or list(f.notes)
    for note in dict.fromkeys(why):
        if note != f.status_reason:
            lines += _wrap(note, width, "      ", "        ")
    lines += _wrap(f"named by {', '.join(f.suppliers)}", width, "      ", "        ")
    return lines


_SUPPLIER_FIELDS = ("source", "company", "template", "version", "language", "scope", "metals_in_scope",
                    "covered_countries", "cahra", "smelter_rows", "placeholders")  # fmt: skip


def survey_json(result: Survey) -> dict[str, Any]:
    """A survey as JSON-ready data: headline, counts, warnings, suppliers, facilities, failures, lists."""
    from cmrt.deliverables.compare import SURVEY_SCHEMA

    c = result.classification
    summary = result.summary()
    return {
        "schema": SURVEY_SCHEMA,
        "headline": result.headline,
        "response_counts": result.response_counts(),
        "by_status": {s.value: n for s, n in summary.by_status.items()},
        "by_metal": {m: {s.value: n for s, n in row.items()} for m, row in summary.by_metal.items()},
        "warnings": [plain(p) for p in c.problems],
        "lists": [plain(s) for s in c.lists],
        "superseded_lists": [plain(s) for s in c.superseded_lists],
        "as_of": c.as_of.isoformat() if c.as_of else None,
        "suppliers": [
            {k: plain(getattr(r, k)) for k in _SUPPLIER_FIELDS} | {"problems": [plain(p) for p in r.problems]}
            for r in result.responses
        ],
        "facilities": c.to_records(),
        "failures": [plain(f) for f in result.failures],
    }


def facilities_csv(result: Survey) -> str:
    """The facility table as CSV text: one row per facility, :data:`~cmrt.classification.RECORD_FIELDS`
    columns, lists joined by "; "."""
    import csv

    from cmrt.classification import RECORD_FIELDS

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RECORD_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in result.classification.to_records():
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in record.items()})
    return out.getvalue()


def render(report: CmrtReport) -> str:
    """A plain-text account of a report, for people."""
    d = report.declaration
    lines = [
        f"{report.template} {report.version} ({report.version_date or 'date unknown'}), "
        f"language {report.language}",
        f"Company:   {d.company_name or '-'}",
        f"Scope:     {d.scope or '-'}",
        f"Contact:   {d.contact_name or '-'} <{d.contact_email or '-'}>",
        f"Authorizer: {d.authorizer_name or '-'} ({d.authorizer_title or '-'})",
        f"Effective: {d.effective_date or d.effective_date_text or '-'}",
        f"In scope:  {', '.join(report.metals_in_scope) or 'none'}",
        "",
        "Answers:",
    ]
    for a in report.answers:
        lines.append(f"  Q{a.number:<2} {a.metal:<9} {a.key:<26} {a.answer or '-'}")
    for a in report.company_answers:
        lines.append(f"  {a.number:<3} {'':9} {a.key:<26} {a.answer or '-'}")
    lines += ["", f"Smelters: {plural(len(report.smelters), 'row')}"]
    for s in report.smelters:
        lines.append(
            f"  row {s.row:<5} {s.metal or '-':<9} {s.smelter_id or '-':<10} {s.name or '-'} "
            f"({s.country or '-'}) [{s.kind.value}]"
        )
    if report.mines:
        lines += ["", f"Mines: {plural(len(report.mines), 'row')}"]
        lines += [
            f"  row {m.row:<5} {m.metal or '-':<9} {m.name or '-'} ({m.country or '-'})" for m in report.mines
        ]
    lines += ["", f"Products: {len(report.products)}", "", f"Problems: {len(report.problems)}"]
    lines += [f"  {p.severity.value:7} {p.location or '-':22} {p.message}" for p in report.problems]
    return visible("\n".join(lines))


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data of plain types: records as dicts, dates as ISO text, enums as their
    values (also the enums that are text: data made in a child process unpickles without their module)."""
    if attrs.has(type(value)):
        return {k: plain(v) for k, v in attrs.asdict(value, recurse=False).items()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (dict,)):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, frozenset):
        return sorted(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, (str, int, float)):
        return value.value
    return value


def to_json(report: CmrtReport) -> dict[str, Any]:
    """A report as JSON-ready data (dates as ISO text, enums as their values)."""
    return plain(report)
