"""The typed, immutable records that :func:`cmrt.read` returns.

Records are values: frozen attrs classes whose fields hold what the supplier's workbook says, normalised
only where the meaning is unambiguous (answers mapped to their English option, smelter IDs to
``CID`` + 6 digits, dates to :class:`datetime.date`). What a reviewer would object to is never raised as
an exception: it is a :class:`Problem` in :attr:`CmrtReport.problems`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import attrs

from cmrt.display import ValueEnum, html_table, plural, shorten

METALS: tuple[str, ...] = ("Tantalum", "Tin", "Gold", "Tungsten")
"""The 3TG metals, in the order the CMRT Declaration lists them."""
EXTENDED_MINERALS: tuple[str, ...] = ("Cobalt", "Copper", "Graphite", "Lithium", "Mica", "Nickel")
"""The EMRT's minerals (cobalt and mica in 1.x; all six from 2.0); the CRT's is cobalt."""
ADDITIONAL_MINERALS: tuple[str, ...] = (
    "Aluminum", "Cadmium", "Iridium", "Lead", "Lime", "Manganese", "Molybdenum", "Palladium", "Platinum",
    "Rare Earth Elements", "Rhenium", "Rhodium", "Ruthenium", "Selenium", "Silver", "Soda Ash", "Tellurium",
    "Zinc",
)  # fmt: skip
"""The AMRT's listed minerals (1.3, and 1.31's additions); suppliers may type others."""
MINERALS: tuple[str, ...] = (*METALS, *EXTENDED_MINERALS, *ADDITIONAL_MINERALS)
"""Every mineral a reporting template lists, 3TG first."""
_SPELLINGS = {
    "aluminium": "Aluminum", "rare earths": "Rare Earth Elements", "ree": "Rare Earth Elements",
    "rare earth": "Rare Earth Elements", "natural graphite": "Graphite", "wolfram": "Tungsten",
    "natural mica": "Mica",
}  # fmt: skip
_NAMES = {  # the minerals in the templates' other UI languages, where suppliers type them so
    "Tin": "锡 錫 スズ 주석 étain zinn estaño stagno estanho kalay",
    "Tantalum": "钽 タンタル 탄탈럼 탄탈 tantale tantal tántalo tantalio tântalo",
    "Tungsten": "钨 タングステン 텅스텐 tungstène wolframio tungsteno volfram",
    "Gold": "金 금 or oro ouro altın",
    "Cobalt": "钴 コバルト 코발트 kobalt cobalto",
    "Copper": "铜 銅 구리 cuivre kupfer cobre rame bakır",
    "Graphite": "石墨 黒鉛 グラファイト 흑연 graphit grafito grafite",
    "Lithium": "锂 リチウム 리튬 litio lítio lityum",
    "Mica": "云母 雲母 マイカ 운모 glimmer mika",
    "Nickel": "镍 ニッケル 니켈 níquel nichel nikel",
    "Aluminum": "铝 アルミニウム 알루미늄 aluminio alumínio alluminio alüminyum",
    "Silver": "银 銀 은 argent silber plata argento prata gümüş",
    "Zinc": "锌 亜鉛 아연 zink zinco çinko",
    "Platinum": "铂 白金 백금 platine platin platino platina",
    "Palladium": "钯 パラジウム 팔라듐 paladio paládio palladio",
    "Rare Earth Elements": "稀土 レアアース 희토류",
    "Manganese": "锰 マンガン 망간 manganèse mangan manganeso",
    "Lead": "铅 鉛 납 plomb blei plomo piombo chumbo kurşun",
}  # fmt: skip
for _mineral, _names in _NAMES.items():
    _SPELLINGS.update({_name: _mineral for _name in _names.split()})
_SPELLINGS.update({"terres rares": "Rare Earth Elements", "seltene erden": "Rare Earth Elements",
                   "tierras raras": "Rare Earth Elements"})  # fmt: skip


def normalize_metal(value: object) -> str | None:
    """A mineral as the templates name it; other minerals title-cased; ``None`` when blank.

    >>> normalize_metal("Gold (Au)"), normalize_metal("tantalum  (*)"), normalize_metal("COBALT")
    ('Gold', 'Tantalum', 'Cobalt')
    >>> normalize_metal("Mica(*)"), normalize_metal("aluminium"), normalize_metal("Rare Earths")
    ('Mica', 'Aluminum', 'Rare Earth Elements')
    >>> normalize_metal("铜(*)"), normalize_metal("Kupfer"), normalize_metal("étain")
    ('Copper', 'Copper', 'Tin')
    >>> normalize_metal("Tinplate"), normalize_metal("Tungsten carbide"), normalize_metal("  ") is None
    ('Tinplate', 'Tungsten Carbide', True)
    """
    return _normalize_metal_text(" ".join(str(value).split()) if value is not None else "")


_MINERAL_PREFIX = re.compile(
    "(" + "|".join(re.escape(m) for m in sorted(MINERALS, key=len, reverse=True)) + r")\s*(\(|$)",
    re.IGNORECASE,
)  # "Gold (Au)", "Cobalt(*)", not "Tinplate"
_BY_FOLDED = {m.casefold(): m for m in MINERALS}


@functools.lru_cache(maxsize=4096)
def _normalize_metal_text(text: str) -> str | None:
    """:func:`normalize_metal` of text with its spacing collapsed; cached: a file repeats a few metals."""
    found = _MINERAL_PREFIX.match(text)
    if found:
        return _BY_FOLDED[found.group(1).casefold()]
    folded = re.sub(r"\s*\(\*\)\s*$", "", text).strip().lower()
    known = _SPELLINGS.get(folded) or _SPELLINGS.get(folded.split(" (")[0])
    if known:
        return known
    return re.sub(r"\s*\(\*\)\s*$", "", text).title() or None


_SCOPE_KEYS = frozenset({"intentionally_added", "remains_in_product", "necessary_to_product"})
_OUT_OF_SCOPE = frozenset({"No", "Not declaring", "Not applicable for this declaration"})


class Severity(ValueEnum):
    """How serious a :class:`Problem` is.

    ``ERROR``: the template's own Checker would not pass (a required field is missing or invalid).
    ``WARNING``: a reviewer's red flag (inconsistent answers, risk, suspicious smelter rows).
    ``INFO``: worth knowing, no action needed (e.g. an outdated template version).
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class RowKind(ValueEnum):
    """What a Smelter List row stands for."""

    LISTED = "listed"
    """A facility picked from the template's look-up or entered by its smelter ID."""
    NOT_LISTED = "not_listed"
    """"Smelter not listed": the supplier typed the name and country by hand."""
    NOT_YET_IDENTIFIED = "not_yet_identified"
    """"Smelter not yet identified": a placeholder, never a facility."""


@attrs.frozen
class Problem:
    """One thing a reviewer would raise about a report.

    ``code`` is stable and machine-readable (e.g. ``"required-field-missing"``); ``location`` is an
    A1 reference such as ``"Declaration!D8"`` or ``None`` when the problem concerns the whole file.
    """

    severity: Severity
    code: str
    message: str
    location: str | None = None


@attrs.frozen
class Declaration:
    """The company information block of the Declaration sheet."""

    company_name: str | None = None
    scope: str | None = None
    """Declaration scope as printed, e.g. ``"A. Company"`` or (2.x) ``"A. Company Level"``."""
    scope_description: str | None = None
    company_id: str | None = None
    company_id_authority: str | None = None
    address: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    authorizer_name: str | None = None
    authorizer_title: str | None = None
    authorizer_email: str | None = None
    authorizer_phone: str | None = None
    effective_date: dt.date | None = None
    """The effective date (CMRT 3+) or date of completion (CMRT 1/2); ``None`` if blank or unparseable."""
    effective_date_text: str | None = None
    """The date cell as the supplier entered it, when it was text rather than an Excel date."""


@attrs.frozen
class Answer:
    """The answer to one Declaration question.

    ``key`` means the same question across template versions (``"covered_countries"`` is Q3 in 6.x
    and Q2 in 2.x); ``number`` is the label the template prints (``"3"``, ``"A"``).
    """

    key: str
    number: str
    question: str
    metal: str | None
    """The metal for per-metal questions; ``None`` for company-level questions."""
    answer: str | None
    """The answer as its English option (``"Yes"``, ``"100%"``, ...), ``None`` if blank."""
    raw: str | None
    """The cell as stored, stripped; differs from ``answer`` for legacy spellings (``" No"``, ``1``)."""
    comment: str | None
    cell: str
    """Where the answer is, e.g. ``"Declaration!D38"``."""


@attrs.frozen
class SmelterEntry:
    """One filled row of the Smelter List, with the values the supplier sees in Excel."""

    row: int
    """Worksheet row number (1-based, as Excel shows it)."""
    kind: RowKind
    metal: str | None
    lookup_name: str | None
    """The value picked in the look-up column ("Smelter Look-up" / "Smelter Reference List")."""
    name: str | None
    """The smelter name: the typed name if any, else the template's standard name for the look-up."""
    country: str | None
    smelter_id: str | None
    """Normalised smelter ID (``"CID000801"``, or a legacy ``"1JPN072"``); ``None`` if blank."""
    id_source: str | None = None
    street: str | None = None
    city: str | None = None
    state_province: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    next_steps: str | None = None
    mine_names: str | None = None
    mine_countries: str | None = None
    recycled_scrap: str | None = None
    """Answer to "Does 100% of the smelter's feedstock originate from recycled or scrap sources?"."""
    comments: str | None = None
    standard_name: str | None = None
    """The template's standard smelter name for the look-up value (hidden column), if known."""
    smelter_id_input: str | None = None
    """What was typed in the "Smelter Identification Number Input Column" (CMRT 4.1+), normalised."""


@attrs.frozen
class Product:
    """One row of the Product List (filled when the declaration scope is product-level)."""

    row: int
    number: str | None
    name: str | None = None
    comments: str | None = None
    requester_number: str | None = None
    requester_name: str | None = None


@attrs.frozen
class MineEntry:
    """One filled row of the Mine List (EMRT 2.x, AMRT): a mine the supplier's smelters source from."""

    row: int
    metal: str | None
    name: str | None
    """The mine facility (site) name."""
    country: str | None
    smelter_names: str | None = None
    """The smelter(s) sourcing from this mine, as typed."""
    mine_id: str | None = None
    id_source: str | None = None
    street: str | None = None
    city: str | None = None
    state_province: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    next_steps: str | None = None
    comments: str | None = None


@attrs.frozen
class CmrtReport:
    """Everything one reporting template says (CMRT, EMRT, CRT or AMRT: :attr:`template` tells), and the
    problems a reviewer would raise about it. (The name is the CMRT's, from before the others joined.)"""

    template: str
    """``"CMRT"``, ``"EMRT"``, ``"CRT"`` or ``"AMRT"``."""
    version: str
    """The template version as printed: ``"6.5"``, ``"6.01"``, ``"3.01"``, ``"2.03a"``, ``"2"``, ``"1"``."""
    version_date: dt.date | None
    language: str
    """The UI language chosen in the file, in English (``"English"``, ``"Chinese"``, ``"German"`` ...)."""
    declaration: Declaration
    answers: tuple[Answer, ...]
    """Per-metal answers, in the template's order (question by question, metal by metal)."""
    company_answers: tuple[Answer, ...]
    smelters: tuple[SmelterEntry, ...]
    products: tuple[Product, ...]
    problems: tuple[Problem, ...]
    source: str | None = None
    """The file name the report was read from, when it was read from a path."""
    field_cells: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    """Declaration field -> the cell it was read from (``"company_name": "Declaration!D8"``)."""
    required_fields: frozenset[str] = attrs.field(default=frozenset(), eq=False, repr=False)
    """Declaration fields this template version marks mandatory ``(*)``."""
    minerals: tuple[str, ...] = METALS
    """The minerals the declaration covers: the CMRT's 3TG, the CRT's cobalt, or those chosen in the
    EMRT's and AMRT's selection cells (typed "other" minerals included), in the template's order."""
    mines: tuple[MineEntry, ...] = ()
    """Mine List rows (EMRT 2.x, AMRT)."""

    @property
    def metals_in_scope(self) -> tuple[str, ...]:
        """Minerals the supplier declared in scope: of :attr:`minerals`, those not answered "No" ("Not
        declaring", "Not applicable"; "Unknown" too in the EMRT, CRT and AMRT) to the scope questions.

        The scope questions are Q1 (and Q2, "remains in the product", where the version has it); a mineral
        whose scope answers are blank counts as in scope, as the template's Checker does.
        """
        excluded = _OUT_OF_SCOPE | ({"Unknown"} if self.template != "CMRT" else set())
        out = []
        for metal in self.minerals:
            gate = [a for a in self.answers if a.metal == metal and a.key in _SCOPE_KEYS]
            if not any(a.answer in excluded for a in gate):
                out.append(metal)
        return tuple(out)

    def answer(self, key: str, metal: str | None = None) -> Answer | None:
        """The answer to question ``key`` (for ``metal``, where it is asked per mineral), or ``None``."""
        for item in (*self.answers, *self.company_answers):
            if item.key == key and item.metal == metal:
                return item
        return None

    @property
    def facilities(self) -> tuple[SmelterEntry, ...]:
        """The Smelter List rows that name a facility (placeholders left out)."""
        return tuple(s for s in self.smelters if s.kind is not RowKind.NOT_YET_IDENTIFIED)

    @property
    def is_complete(self) -> bool:
        """True when no problem of severity ``ERROR`` was found."""
        return not any(p.severity is Severity.ERROR for p in self.problems)

    def __repr__(self) -> str:
        errors = sum(p.severity is Severity.ERROR for p in self.problems)
        source = f" [{Path(self.source).name}]" if self.source else ""
        return (
            f"<CmrtReport {self.template} {self.version} ({self.language}) "
            f"{shorten(self.declaration.company_name or '-')}{source}: "
            f"{', '.join(self.minerals) or 'no minerals'}; {plural(len(self.smelters), 'smelter row')}, "
            f"{plural(len(self.mines), 'mine')}, {plural(len(self.products), 'product')}; "
            f"{plural(errors, 'error')}, {plural(len(self.problems) - errors, 'other problem')}>"
        )

    def _repr_html_(self) -> str:
        rows = [(s.row, s.kind.value, s.metal, s.smelter_id, s.name, s.country) for s in self.smelters]
        problems = [(p.severity.value, p.location, p.code, p.message) for p in self.problems]
        return html_table(
            repr(self), ("Row", "Kind", "Metal", "Smelter ID", "Name", "Country"), rows, note="Smelter List"
        ) + html_table("Problems", ("Severity", "Where", "Code", "Message"), problems)
