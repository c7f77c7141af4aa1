"""The survey report a compliance manager reads: one self-contained HTML file.

``survey_html(survey)`` returns the text of a page that loads nothing (no network, no CDN, no font
files): the headline, the as-of date, the status lists used and the warnings; charts of the facilities by
status and metal, of the suppliers' completeness and of the facilities by country (Covered-Country and
CAHRA ones marked); what needs attention, the follow-up list, and every facility in a table sorted by
clicking a header (a few lines of inline JavaScript, no library).

Charts are drawn by matplotlib as inline SVG, an optional extra (``pip install "cmrt[report]"``) imported
only here; without it the page shows the same numbers as tables and says so. Every value a supplier
wrote is escaped: a company named ``<script>`` is shown as text.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cmrt.classification import ATTENTION_TITLES, Facility, RiskFlag, Status, list_label
from cmrt.deliverables.follow_up import follow_up
from cmrt.display import plural, visible

__all__ = ["CHARTS_NOTE", "survey_html"]

CHARTS_NOTE = "charts need: pip install cmrt[report]"
"""What the page says in place of the charts when matplotlib is not installed."""

COLOURS = {Status.COMPLIANT: "#2e7d32", Status.ACTIVE: "#f0a202", Status.INDETERMINABLE: "#8d8d8d"}
_ROWS, _PLACEHOLDER = "#4a6fa5", "#c9d6ea"
_COVERED, _CAHRA, _PLAIN = "#c62828", "#7b1fa2", "#4a6fa5"
_MAX_COUNTRIES = 30


def _e(value: object) -> str:
    return html.escape(visible("" if value is None else str(value)), quote=True)


def _badge(status: object) -> str:
    text = getattr(status, "value", status)
    kind = str(text).lower() if text in {s.value for s in Status} else "other"
    return f'<span class="badge {kind}">{_e(text)}</span>'


def _table(header: Sequence[str], rows: Iterable[Sequence[object]], *, sortable: bool = False,
           raw: Sequence[int] = (), cls: str = "") -> str:  # fmt: skip
    """A table, every cell escaped except the columns in ``raw`` (made here, already escaped)."""
    if sortable:
        heads = "".join(f'<th scope="col"><button type="button">{_e(h)}</button></th>' for h in header)
    else:
        heads = "".join(f'<th scope="col">{_e(h)}</th>' for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=n' * isinstance(v, int)}>{v if i in raw else _e(v)}</td>" for i, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    classes = " ".join(c for c in (cls, "sortable" if sortable else "") if c)
    return f'<table class="{classes}"><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table>'


def _country(facility: Facility) -> str:
    return facility.country.name if facility.country else ""


def _flags(facility: Facility) -> str:
    return ", ".join(sorted(flag.value.replace("_", " ") for flag in facility.flags))


def _file(source: str | None) -> str:
    return Path(source).name if source else ""


# The numbers behind the charts ------------------------------------------------------------------------


def _responses(survey: Any) -> list[tuple[str, str, str, int, int, int, str]]:
    """Per response: label, file, template, rows naming a facility, placeholders, errors, state."""
    out = []
    for r in survey.responses:
        state = "complete" if r.is_complete else f"incomplete: {plural(len(r.errors), 'error')}"
        template = f"{r.template} {r.version}"
        out.append((r.company or _file(r.source) or "-", _file(r.source), template, r.smelter_rows,
                    r.placeholders, len(r.errors), state))  # fmt: skip
    return out


def _countries(facilities: Sequence[Facility]) -> list[tuple[str, int, int, int]]:
    """Per country, most facilities first: name, facilities, Covered-Country ones, CAHRA ones."""
    total: Counter[str] = Counter()
    covered: Counter[str] = Counter()
    cahra: Counter[str] = Counter()
    for f in facilities:
        name = _country(f) or "(country not given)"
        total[name] += 1
        covered[name] += RiskFlag.COVERED_COUNTRY in f.flags
        cahra[name] += RiskFlag.CAHRA in f.flags
    order = sorted(total, key=lambda n: (-total[n], n))
    return [(n, total[n], covered[n], cahra[n]) for n in order]


def _marks(covered: int, cahra: int) -> str:
    return ", ".join(m for m, n in (("Covered Country", covered), ("CAHRA", cahra)) if n)


# Charts (matplotlib, optional) ------------------------------------------------------------------------


def _charting() -> Any:
    """matplotlib's ``Figure`` and ``rc_context``, or ``None`` when the extra is not installed."""
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:
        return None
    return Figure, matplotlib.rc_context


def _svg(fig: Any, prefix: str, label: str) -> str:
    """The figure as an inline ``<svg>``: no XML prolog, DOCTYPE, metadata or comments, ids prefixed so
    that several charts can share a page, sized by the page."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.08, metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>|<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r'(\bid="|href="#|url\(#)', rf"\g<1>{prefix}-", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_e(label)}" ', 1)


def _style(ax: Any) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", color="#e3e3e3", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.margins(y=0.01)


def _height(bars: int) -> float:
    return 0.9 + 0.32 * max(bars, 1)


def _status_chart(Figure: Any, by_metal: dict[str, dict[Status, int]]) -> Any:
    metals = list(by_metal)[::-1]
    fig = Figure(figsize=(7.2, _height(len(metals)) + 0.3))
    ax = fig.add_subplot()
    left = [0] * len(metals)
    for status in Status:
        values = [by_metal[m][status] for m in metals]
        bars = ax.barh(metals, values, left=left, color=COLOURS[status], label=status.value,
                       edgecolor="white", height=0.62)  # fmt: skip
        text = "black" if status is Status.ACTIVE else "white"
        ax.bar_label(bars, labels=[str(v) if v else "" for v in values], label_type="center",
                     color=text, fontsize=9, fontweight="bold")  # fmt: skip
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.legend(ncols=3, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=9)
    ax.set_xlabel("facilities")
    _style(ax)
    return fig


def _response_chart(Figure: Any, responses: list[tuple[str, str, str, int, int, int, str]]) -> Any:
    shown = responses[::-1]
    labels = [f"{_cut(company, 34)} ({template})" for company, _, template, *_ in shown]
    rows = [r[3] for r in shown]
    placeholders = [r[4] for r in shown]
    fig = Figure(figsize=(7.2, _height(len(shown)) + 0.3))
    ax = fig.add_subplot()
    ticks = range(len(shown))
    ax.barh(ticks, rows, color=_ROWS, label="rows naming a facility", height=0.62)
    ax.barh(ticks, placeholders, left=rows, color=_PLACEHOLDER, hatch="///", edgecolor="#7f93b5",
            label="placeholder rows (no facility named)", height=0.62)  # fmt: skip
    ax.set_yticks(list(ticks), labels)
    widest = max([a + b for a, b in zip(rows, placeholders, strict=True)] or [1]) or 1
    for y, (a, b, r) in enumerate(zip(rows, placeholders, shown, strict=True)):
        state = "✓ complete" if not r[5] else f"✗ {plural(r[5], 'Checker error')}"
        ax.text(a + b + widest * 0.02, y, state, va="center", fontsize=9,
                color="#1b5e20" if not r[5] else "#b71c1c")  # fmt: skip
    ax.set_xlim(0, widest * 1.4)
    ax.legend(ncols=2, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=9)
    ax.set_xlabel("Smelter List rows")
    _style(ax)
    return fig


def _country_chart(Figure: Any, countries: list[tuple[str, int, int, int]]) -> Any:
    marked = [c for c in countries if c[2] or c[3]]
    plain = [c for c in countries if not (c[2] or c[3])]
    keep = max(_MAX_COUNTRIES - len(marked), 0)
    shown = sorted(marked + plain[:keep], key=lambda c: (-c[1], c[0]))
    rest = plain[keep:]
    names = [_cut(_words(n), 34) + (f" [{_marks(cv, ca)}]" if cv or ca else "")
             for n, _, cv, ca in shown]  # fmt: skip
    counts = [c[1] for c in shown]
    colours = [_COVERED if c[2] else _CAHRA if c[3] else _PLAIN for c in shown]
    if rest:
        names.append(f"{plural(len(rest), 'other country', 'other countries')}")
        counts.append(sum(c[1] for c in rest))
        colours.append("#b0b0b0")
    fig = Figure(figsize=(7.2, _height(len(names)) + 0.3))
    ax = fig.add_subplot()
    bars = ax.barh(names[::-1], counts[::-1], color=colours[::-1], height=0.62)
    ax.bar_label(bars, padding=3, fontsize=9)
    ax.set_xlim(0, max(counts or [1]) * 1.12)
    from matplotlib.patches import Patch

    legend = [Patch(color=_COVERED, label="Covered Country facility"),
              Patch(color=_CAHRA, label="CAHRA facility"), Patch(color=_PLAIN, label="neither")]  # fmt: skip
    ax.legend(handles=legend, ncols=3, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=9)
    ax.set_xlabel("facilities")
    _style(ax)
    return fig


def _words(name: str) -> str:
    """``"CONGO, DEMOCRATIC REPUBLIC OF THE"`` as ``"Congo, Democratic Republic of the"``."""
    if not name.isupper():
        return name
    small = {"of", "the", "and", "da", "de", "d"}

    def word(m: re.Match[str]) -> str:
        w = m.group(0).lower()
        return w if m.start() and w in small else w.capitalize()

    return re.sub(r"[^\W\d_]+", word, name)


def _cut(text: str, width: int) -> str:
    text = visible(text, keep_newlines=False)  # chart labels: no control characters from supplier files
    return text if len(text) <= width else text[: width - 1] + "…"


def _charts(survey: Any, responses: list[Any], countries: list[Any]) -> dict[str, str] | None:
    loaded = _charting()
    if loaded is None:
        return None
    Figure, rc_context = loaded
    settings = {"svg.fonttype": "path", "svg.hashsalt": "cmrt-report", "text.parse_math": False,
                "font.family": "DejaVu Sans", "font.size": 9.5, "hatch.linewidth": 0.6}  # fmt: skip
    by_metal = survey.summary().by_metal
    with rc_context(settings):
        return {
            "status": _svg(_status_chart(Figure, by_metal), "c1", "Facilities by status, per metal")
            if by_metal
            else "",
            "responses": _svg(_response_chart(Figure, responses), "c2", "Supplier responses: completeness")
            if responses
            else "",
            "countries": _svg(_country_chart(Figure, countries), "c3", "Facilities by country")
            if countries
            else "",
        }


# Sections -------------------------------------------------------------------------------------------


def _figure(title: str, chart: str | None, table: str, caption: str = "") -> str:
    caption = f'<p class="caption">{_e(caption)}</p>' if caption else ""
    if chart:
        body = f'<div class="chart">{chart}</div><details><summary>The numbers</summary>{table}</details>'
    else:
        body = table
    return f"<figure><figcaption>{_e(title)}</figcaption>{caption}{body}</figure>"


def _chart_section(survey: Any) -> str:
    summary = survey.summary()
    responses = _responses(survey)
    countries = _countries(survey.classification.facilities)
    charts = _charts(survey, responses, countries)
    note = "" if charts is not None else f'<p class="note">{_e(CHARTS_NOTE)}</p>'
    charts = charts or {}
    by_metal = [(m, *(row[s] for s in Status), sum(row.values())) for m, row in summary.by_metal.items()]
    by_metal.append(("All metals", *(summary.by_status[s] for s in Status), summary.total))
    metal_table = _table(("Metal", *(s.value for s in Status), "Total"), by_metal, cls="numbers")
    response_table = _table(
        ("Supplier", "File", "Template", "Rows naming a facility", "Placeholder rows", "Checker errors",
         "Complete?"), responses, cls="numbers")  # fmt: skip
    country_table = _table(
        ("Country", "Facilities", "Covered Country", "CAHRA"),
        [(n, t, cv or "", ca or "") for n, t, cv, ca in countries],
        cls="numbers",
    )
    return (
        f'<section id="charts"><h2>Facilities and responses</h2>{note}'
        + _figure("Facilities by status, per metal", charts.get("status"), metal_table)
        + _figure("Suppliers' completeness", charts.get("responses"), response_table,
                  "Complete: no error the template's own Checker would show. Placeholder rows name no "
                  "facility ('Smelter not yet identified').")
        + _figure("Facilities by country", charts.get("countries"), country_table,
                  "Marked: countries holding a facility flagged as in a Covered Country (3TG: the DRC or "
                  "an adjoining country) or in / sourcing from a conflict-affected or high-risk area.")
        + "</section>"
    )  # fmt: skip


def _facility_rows(facilities: Iterable[Facility]) -> list[tuple[object, ...]]:
    return [(f.metal, f.smelter_id or "", f.name, _country(f), _badge(f.status), f.list_status or "",
             _flags(f), ", ".join(f.suppliers)) for f in facilities]  # fmt: skip


_FACILITY_HEADER = ("Metal", "Smelter ID", "Name", "Country", "Status", "List status", "Flags", "Suppliers")


def _attention_section(survey: Any) -> str:
    groups = survey.summary().needs_attention
    if not groups:
        return '<section id="attention"><h2>Needs attention</h2><p>Nothing needs attention.</p></section>'
    parts = []
    for key, facilities in groups.items():
        title = ATTENTION_TITLES.get(key, key.replace("_", " "))
        parts.append(f'<h3>{_e(title)} <span class="count">{len(facilities)}</span></h3>'
                     + _table(_FACILITY_HEADER, _facility_rows(facilities), raw=(4,)))  # fmt: skip
    distinct = len({id(f) for found in groups.values() for f in found})
    lead = f"<p>{_e(plural(distinct, 'facility', 'facilities'))} in {_e(plural(len(groups), 'group'))}.</p>"
    return f'<section id="attention"><h2>Needs attention</h2>{lead}{"".join(parts)}</section>'


def _follow_up_section(survey: Any) -> str:
    asks = follow_up(survey)
    if not asks:
        return '<section id="follow-up"><h2>Follow-up</h2><p>Nothing to ask a supplier.</p></section>'
    grouped: dict[str, list[Any]] = {}
    for ask in asks:
        grouped.setdefault(ask.supplier, []).append(ask)
    parts = [
        f'<h3>{_e(supplier)} <span class="count">{len(found)}</span></h3>'
        + _table(("Topic", "File", "Where in their file", "Detail"),
                 [(a.topic.replace("-", " "), a.file, a.where, a.detail) for a in found], cls="follow-up")
        for supplier, found in grouped.items()
    ]  # fmt: skip
    return (
        f'<section id="follow-up"><h2>Follow-up</h2><p>{_e(plural(len(asks), "question"))} for '
        f"{_e(plural(len(grouped), 'supplier'))}: what to ask each, and where it sits in their file.</p>"
        + "".join(parts)
        + "</section>"
    )


def _describe(item: Any, *, status: bool = True) -> str:
    """A facility-like record (``metal``, ``smelter_id``, ``name``, ``country``, ``status``) in words,
    escaped; anything else as its text."""
    if not hasattr(item, "name"):
        return _e(item)
    country = getattr(item, "country", None)
    country = getattr(country, "name", country)
    words = " ".join(str(w) for w in (getattr(item, "metal", ""), getattr(item, "smelter_id", "")) if w)
    text = f"{_e(words)} <strong>{_e(item.name)}</strong>" + (f" ({_e(country)})" if country else "")
    state = getattr(item, "status", None) if status else None
    return text + (f" {_badge(state)}" if state is not None else "")


def _change(item: Any) -> str:
    if hasattr(item, "old") and hasattr(item, "new"):
        what = _describe(getattr(item, "facility", item), status=False)
        return f"{what}: {_badge(item.old)} → {_badge(item.new)}"
    if hasattr(item, "company") and hasattr(item, "measure"):
        return f"<strong>{_e(item.company)}</strong>: {_e(item.measure)}"
    return _describe(item)


_CHANGES = {
    "added": "Facilities added",
    "dropped": "Facilities dropped",
    "status_changes": "Status changes",
    "suppliers_better": "Suppliers who answered better",
    "suppliers_worse": "Suppliers who answered worse",
}


def _previous_section(previous: Any) -> str:
    if previous is None:
        return ""
    when = getattr(previous, "previous_as_of", None)
    lead = f"<p>Compared with the survey as of {_e(when)}.</p>" if when else ""
    parts = []
    for name, title in _CHANGES.items():
        items = list(getattr(previous, name, None) or ())
        if not items and name.startswith("suppliers"):
            continue
        listed = "".join(f"<li>{_change(i)}</li>" for i in items) or "<li>None.</li>"
        parts.append(f'<h3>{_e(title)} <span class="count">{len(items)}</span></h3><ul>{listed}</ul>')
    return f'<section id="since-last-year"><h2>Since last year</h2>{lead}{"".join(parts)}</section>'


def _basis_section(survey: Any) -> str:
    c = survey.classification
    lists = "".join(f"<li>{_e(list_label(s))}</li>" for s in c.lists)
    lists = f"<ul>{lists}</ul>" if lists else "<p>No status list was given: all are Indeterminable.</p>"
    aside = "".join(f"<li>{_e(list_label(s))}</li>" for s in getattr(c, "superseded_lists", ()))
    aside = f"<p>Set aside as superseded by a newer list:</p><ul>{aside}</ul>" if aside else ""
    warnings = "".join(
        f'<p class="warning" role="note"><strong>Warning:</strong> {_e(p.message)}</p>' for p in c.problems
    )
    failed = ""
    if survey.failures:
        failed = '<p class="warning"><strong>Files that could not be read:</strong></p>' + _table(
            ("File", "Why", "Message"), [(_file(f.source), f.kind, f.error) for f in survey.failures]
        )
    return f'<section id="basis"><h2>Status lists used</h2>{lists}{aside}{warnings}{failed}</section>'


def _cards(survey: Any) -> str:
    summary = survey.summary()
    counts = survey.response_counts()
    attention = len({id(f) for found in summary.needs_attention.values() for f in found})
    cards = [("Supplier responses", counts["read"], f"{counts['complete']} complete", "")]
    cards.append(("Facilities", summary.total, plural(counts["placeholder_rows"], "placeholder row"), ""))
    cards += [(s.value, summary.by_status[s], "", s.value.lower()) for s in Status]
    cards.append(("Need attention", attention, "facilities", "attention"))
    return '<div class="cards">' + "".join(
        f'<div class="card {kind}"><div class="n">{n}</div><div class="what">{_e(what)}</div>'
        + (f'<div class="sub">{_e(sub)}</div>' if sub else "") + "</div>"
        for what, n, sub, kind in cards
    ) + "</div>"  # fmt: skip


# The page ---------------------------------------------------------------------------------------------

_CSS = """
:root{--ink:#1f2328;--muted:#5b636b;--line:#d9dde1;--band:#f5f7f9}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--ink);margin:0 auto;max-width:1120px;padding:24px 28px 48px}
h1{font-size:1.7rem;margin:0 0 .2rem}h2{font-size:1.3rem;margin:2rem 0 .6rem;padding-bottom:.25rem;
border-bottom:2px solid var(--line)}h3{font-size:1.02rem;margin:1.2rem 0 .4rem}
.asof{color:var(--muted);margin:0}.headline{font-size:1.12rem;margin:.8rem 0;padding:.7rem .9rem;
background:var(--band);border-left:4px solid #4a6fa5}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:1rem 0}.card{flex:1 1 120px;border:1px solid var(--line);
border-radius:6px;padding:.5rem .7rem;border-top:4px solid #4a6fa5}.card .n{font-size:1.6rem;font-weight:700}
.card .what{font-weight:600}.card .sub{color:var(--muted);font-size:.85rem}
.card.compliant{border-top-color:#2e7d32}.card.active{border-top-color:#f0a202}
.card.indeterminable{border-top-color:#8d8d8d}.card.attention{border-top-color:#c62828}
.warning{background:#fff4e5;border-left:4px solid #f0a202;padding:.5rem .8rem;margin:.5rem 0}
.note{background:var(--band);border-left:4px solid #8d8d8d;padding:.4rem .8rem;font-family:monospace}
figure{margin:1.2rem 0 1.6rem;break-inside:avoid}figcaption{font-weight:700;font-size:1.05rem}
.caption{color:var(--muted);font-size:.88rem;margin:.1rem 0 .4rem}
.chart svg{display:block;max-width:100%;height:auto}
details summary{cursor:pointer;color:var(--muted);font-size:.9rem;margin:.3rem 0}
table{border-collapse:collapse;width:100%;font-size:.86rem;margin:.3rem 0 .8rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#eef1f4;position:sticky;top:0;white-space:nowrap}
table.follow-up td:nth-child(-n+3){white-space:nowrap}
table.facilities td:nth-child(3){min-width:13em}tbody tr:nth-child(even){background:#fafbfc}
table.numbers{width:auto;min-width:50%}td.n{text-align:right}
th button{all:unset;cursor:pointer;font-weight:700}th button::after{content:" \\2195";color:#9aa3ab}
th[aria-sort=ascending] button::after{content:" \\2191";color:var(--ink)}
th[aria-sort=descending] button::after{content:" \\2193";color:var(--ink)}
.badge{display:inline-block;padding:0 .45em;border-radius:3px;font-size:.8rem;font-weight:600;
white-space:nowrap;border:1px solid}
.badge.compliant{background:#e6f4ea;color:#1b5e20;border-color:#2e7d32}
.badge.active{background:#fff4d6;color:#7a4f00;border-color:#f0a202}
.badge.indeterminable{background:#eeeeee;color:#8e1c1c;border-color:#8d8d8d}
.count{display:inline-block;min-width:1.6em;text-align:center;background:#eef1f4;border-radius:9px;
font-size:.8rem;padding:0 .4em;margin-left:.3em}
footer{margin-top:2.5rem;color:var(--muted);font-size:.8rem}
@media print{body{max-width:none;padding:0;font-size:10pt}h2{break-after:avoid}h3{break-after:avoid}
tr{break-inside:avoid}th{position:static}th button::after{content:""}details{display:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

_JS = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("thead th").forEach(function (th, column) {
    th.querySelector("button").addEventListener("click", function () {
      var up = th.getAttribute("aria-sort") !== "ascending", body = table.tBodies[0];
      table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      Array.from(body.rows).sort(function (a, b) {
        var c = a.cells[column].textContent.trim().localeCompare(
          b.cells[column].textContent.trim(), undefined, {numeric: true, sensitivity: "base"});
        return up ? c : -c;
      }).forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def survey_html(survey: Any, *, previous: Any = None, title: str | None = None) -> str:
    """The report of a :class:`~cmrt.Survey` as the text of one self-contained HTML page.

    ``previous``: what changed since last year, any object with ``added``, ``dropped`` and
    ``status_changes`` (a :class:`~cmrt.deliverables.Comparison`), shown as "Since last year".
    ``title``: the page's title (default "Responsible minerals survey").
    """
    title = title or "Responsible minerals survey"
    c = survey.classification
    as_of = f"As of {c.as_of.isoformat()}" if c.as_of else "No as-of date given"
    facilities = _table(_FACILITY_HEADER, _facility_rows(c.facilities), sortable=True, raw=(4,),
                        cls="facilities")  # fmt: skip
    try:
        from importlib.metadata import version

        made = f"cmrt {version('cmrt')}"
    except Exception:  # pragma: no cover - not installed as a distribution
        made = "cmrt"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{_e(title)}</h1><p class="asof">{_e(as_of)}</p>'
        f'<p class="headline">{_e(survey.headline)}</p>{_cards(survey)}</header>'
        + _basis_section(survey)
        + _chart_section(survey)
        + _attention_section(survey)
        + _follow_up_section(survey)
        + _previous_section(previous)
        + f'<section id="facilities"><h2>All facilities</h2><p>{_e(plural(len(c.facilities), "facility"))}'
        "; click a column header to sort.</p>"
        + facilities
        + f"</section><footer>Made with {_e(made)} from {_e(plural(len(survey.responses), 'file'))} "
        f"read.</footer><script>{_JS}</script></body></html>\n"
    )
