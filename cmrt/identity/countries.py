"""Smelter countries: one :class:`Country` for every way a supplier writes it.

A smelter's country decides whether it sits in a Covered Country (SEC Rule 13p-1), and it is half of the
identity used to match a hand-typed smelter to the RMI reference list. Suppliers write it in many ways:
the dropdown spellings of the template they happen to use (CMRT 2.x/3.x: ``"UNITED STATES"``, ``"ZAIRE"``;
CMRT 6.x: ``"UNITED STATES OF AMERICA"``, ``"CONGO, DEMOCRATIC REPUBLIC OF THE"``), ISO codes, everyday
names (``"USA"``, ``"South Korea"``, ``"DRC"``), native names (``"Deutschland"``, ``"中国"``) and all of
these with stray case, spacing, accents and a trailing ``" *"``. This module maps each to one country
(ISO 3166-1 alpha-2 code + the CMRT 6.x spelling) and refuses, with ``None``, anything it cannot be sure
of: a wrong country is worse than none, because it silently changes a Covered-Country flag.

The tables are written from ISO 3166-1 (public facts); the tests check them against the lists embedded
in the real templates.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

__all__ = ["COVERED_COUNTRIES", "Country", "countries_in", "country_by_code", "normalize_country"]

#: The SEC Covered Countries (Dodd-Frank s.1502): the DRC and the nine countries sharing a border with it.
COVERED_COUNTRIES: frozenset[str] = frozenset({"CD", "CG", "CF", "SS", "UG", "RW", "BI", "TZ", "ZM", "AO"})


@attrs.frozen
class Country:
    """A country or territory of ISO 3166-1, named as the CMRT 6.x country list spells it."""

    code: str  # ISO 3166-1 alpha-2, e.g. "KR"
    name: str  # the RMI/CMRT 6.x spelling (upper-case ISO short name), e.g. "KOREA, REPUBLIC OF"

    @property
    def is_covered(self) -> bool:
        """Whether this is one of the 10 SEC Covered Countries (the DRC or an adjoining country)."""
        return self.code in COVERED_COUNTRIES


# ISO 3166-1: (alpha-2, alpha-3, short name as spelled in the CMRT 6.x / EMRT / CRT / AMRT dropdown list).
# The 6.x list keeps the accents and the trailing " *" of "WESTERN SAHARA *" (the ISO footnote mark), so
# the names here do too: Country.name is exactly what a 6.x template would show.
# fmt: off
_ISO: tuple[tuple[str, str, str], ...] = (
    ("AF", "AFG", "AFGHANISTAN"), ("AX", "ALA", "ÅLAND ISLANDS"), ("AL", "ALB", "ALBANIA"),
    ("DZ", "DZA", "ALGERIA"), ("AS", "ASM", "AMERICAN SAMOA"), ("AD", "AND", "ANDORRA"),
    ("AO", "AGO", "ANGOLA"), ("AI", "AIA", "ANGUILLA"), ("AQ", "ATA", "ANTARCTICA"),
    ("AG", "ATG", "ANTIGUA AND BARBUDA"), ("AR", "ARG", "ARGENTINA"), ("AM", "ARM", "ARMENIA"),
    ("AW", "ABW", "ARUBA"), ("AU", "AUS", "AUSTRALIA"), ("AT", "AUT", "AUSTRIA"),
    ("AZ", "AZE", "AZERBAIJAN"), ("BS", "BHS", "BAHAMAS"), ("BH", "BHR", "BAHRAIN"),
    ("BD", "BGD", "BANGLADESH"), ("BB", "BRB", "BARBADOS"), ("BY", "BLR", "BELARUS"),
    ("BE", "BEL", "BELGIUM"), ("BZ", "BLZ", "BELIZE"), ("BJ", "BEN", "BENIN"),
    ("BM", "BMU", "BERMUDA"), ("BT", "BTN", "BHUTAN"), ("BO", "BOL", "BOLIVIA (PLURINATIONAL STATE OF)"),
    ("BQ", "BES", "BONAIRE, SINT EUSTATIUS AND SABA"), ("BA", "BIH", "BOSNIA AND HERZEGOVINA"),
    ("BW", "BWA", "BOTSWANA"), ("BV", "BVT", "BOUVET ISLAND"), ("BR", "BRA", "BRAZIL"),
    ("IO", "IOT", "BRITISH INDIAN OCEAN TERRITORY"), ("BN", "BRN", "BRUNEI DARUSSALAM"),
    ("BG", "BGR", "BULGARIA"), ("BF", "BFA", "BURKINA FASO"), ("BI", "BDI", "BURUNDI"),
    ("CV", "CPV", "CABO VERDE"), ("KH", "KHM", "CAMBODIA"), ("CM", "CMR", "CAMEROON"),
    ("CA", "CAN", "CANADA"), ("KY", "CYM", "CAYMAN ISLANDS"), ("CF", "CAF", "CENTRAL AFRICAN REPUBLIC"),
    ("TD", "TCD", "CHAD"), ("CL", "CHL", "CHILE"), ("CN", "CHN", "CHINA"),
    ("CX", "CXR", "CHRISTMAS ISLAND"), ("CC", "CCK", "COCOS (KEELING) ISLANDS"), ("CO", "COL", "COLOMBIA"),
    ("KM", "COM", "COMOROS"), ("CG", "COG", "CONGO"), ("CD", "COD", "CONGO, DEMOCRATIC REPUBLIC OF THE"),
    ("CK", "COK", "COOK ISLANDS"), ("CR", "CRI", "COSTA RICA"), ("CI", "CIV", "CÔTE D'IVOIRE"),
    ("HR", "HRV", "CROATIA"), ("CU", "CUB", "CUBA"), ("CW", "CUW", "CURAÇAO"),
    ("CY", "CYP", "CYPRUS"), ("CZ", "CZE", "CZECHIA"), ("DK", "DNK", "DENMARK"),
    ("DJ", "DJI", "DJIBOUTI"), ("DM", "DMA", "DOMINICA"), ("DO", "DOM", "DOMINICAN REPUBLIC"),
    ("EC", "ECU", "ECUADOR"), ("EG", "EGY", "EGYPT"), ("SV", "SLV", "EL SALVADOR"),
    ("GQ", "GNQ", "EQUATORIAL GUINEA"), ("ER", "ERI", "ERITREA"), ("EE", "EST", "ESTONIA"),
    ("SZ", "SWZ", "ESWATINI"), ("ET", "ETH", "ETHIOPIA"), ("FK", "FLK", "FALKLAND ISLANDS (MALVINAS)"),
    ("FO", "FRO", "FAROE ISLANDS"), ("FJ", "FJI", "FIJI"), ("FI", "FIN", "FINLAND"),
    ("FR", "FRA", "FRANCE"), ("GF", "GUF", "FRENCH GUIANA"), ("PF", "PYF", "FRENCH POLYNESIA"),
    ("TF", "ATF", "FRENCH SOUTHERN TERRITORIES"), ("GA", "GAB", "GABON"), ("GM", "GMB", "GAMBIA"),
    ("GE", "GEO", "GEORGIA"), ("DE", "DEU", "GERMANY"), ("GH", "GHA", "GHANA"),
    ("GI", "GIB", "GIBRALTAR"), ("GR", "GRC", "GREECE"), ("GL", "GRL", "GREENLAND"),
    ("GD", "GRD", "GRENADA"), ("GP", "GLP", "GUADELOUPE"), ("GU", "GUM", "GUAM"),
    ("GT", "GTM", "GUATEMALA"), ("GG", "GGY", "GUERNSEY"), ("GN", "GIN", "GUINEA"),
    ("GW", "GNB", "GUINEA-BISSAU"), ("GY", "GUY", "GUYANA"), ("HT", "HTI", "HAITI"),
    ("HM", "HMD", "HEARD ISLAND AND MCDONALD ISLANDS"), ("VA", "VAT", "HOLY SEE"), ("HN", "HND", "HONDURAS"),
    ("HK", "HKG", "HONG KONG"), ("HU", "HUN", "HUNGARY"), ("IS", "ISL", "ICELAND"),
    ("IN", "IND", "INDIA"), ("ID", "IDN", "INDONESIA"), ("IR", "IRN", "IRAN (ISLAMIC REPUBLIC OF)"),
    ("IQ", "IRQ", "IRAQ"), ("IE", "IRL", "IRELAND"), ("IM", "IMN", "ISLE OF MAN"),
    ("IL", "ISR", "ISRAEL"), ("IT", "ITA", "ITALY"), ("JM", "JAM", "JAMAICA"),
    ("JP", "JPN", "JAPAN"), ("JE", "JEY", "JERSEY"), ("JO", "JOR", "JORDAN"),
    ("KZ", "KAZ", "KAZAKHSTAN"), ("KE", "KEN", "KENYA"), ("KI", "KIR", "KIRIBATI"),
    ("KP", "PRK", "KOREA (DEMOCRATIC PEOPLE'S REPUBLIC OF)"), ("KR", "KOR", "KOREA, REPUBLIC OF"),
    ("KW", "KWT", "KUWAIT"), ("KG", "KGZ", "KYRGYZSTAN"), ("LA", "LAO", "LAO PEOPLE'S DEMOCRATIC REPUBLIC"),
    ("LV", "LVA", "LATVIA"), ("LB", "LBN", "LEBANON"), ("LS", "LSO", "LESOTHO"),
    ("LR", "LBR", "LIBERIA"), ("LY", "LBY", "LIBYA"), ("LI", "LIE", "LIECHTENSTEIN"),
    ("LT", "LTU", "LITHUANIA"), ("LU", "LUX", "LUXEMBOURG"), ("MO", "MAC", "MACAO"),
    ("MK", "MKD", "NORTH MACEDONIA"), ("MG", "MDG", "MADAGASCAR"), ("MW", "MWI", "MALAWI"),
    ("MY", "MYS", "MALAYSIA"), ("MV", "MDV", "MALDIVES"), ("ML", "MLI", "MALI"),
    ("MT", "MLT", "MALTA"), ("MH", "MHL", "MARSHALL ISLANDS"), ("MQ", "MTQ", "MARTINIQUE"),
    ("MR", "MRT", "MAURITANIA"), ("MU", "MUS", "MAURITIUS"), ("YT", "MYT", "MAYOTTE"),
    ("MX", "MEX", "MEXICO"), ("FM", "FSM", "MICRONESIA (FEDERATED STATES OF)"),
    ("MD", "MDA", "MOLDOVA, REPUBLIC OF"), ("MC", "MCO", "MONACO"), ("MN", "MNG", "MONGOLIA"),
    ("ME", "MNE", "MONTENEGRO"), ("MS", "MSR", "MONTSERRAT"), ("MA", "MAR", "MOROCCO"),
    ("MZ", "MOZ", "MOZAMBIQUE"), ("MM", "MMR", "MYANMAR"), ("NA", "NAM", "NAMIBIA"),
    ("NR", "NRU", "NAURU"), ("NP", "NPL", "NEPAL"), ("NL", "NLD", "NETHERLANDS"),
    ("NC", "NCL", "NEW CALEDONIA"), ("NZ", "NZL", "NEW ZEALAND"), ("NI", "NIC", "NICARAGUA"),
    ("NE", "NER", "NIGER"), ("NG", "NGA", "NIGERIA"), ("NU", "NIU", "NIUE"),
    ("NF", "NFK", "NORFOLK ISLAND"), ("MP", "MNP", "NORTHERN MARIANA ISLANDS"), ("NO", "NOR", "NORWAY"),
    ("OM", "OMN", "OMAN"), ("PK", "PAK", "PAKISTAN"), ("PW", "PLW", "PALAU"),
    ("PS", "PSE", "PALESTINE, STATE OF"), ("PA", "PAN", "PANAMA"), ("PG", "PNG", "PAPUA NEW GUINEA"),
    ("PY", "PRY", "PARAGUAY"), ("PE", "PER", "PERU"), ("PH", "PHL", "PHILIPPINES"),
    ("PN", "PCN", "PITCAIRN"), ("PL", "POL", "POLAND"), ("PT", "PRT", "PORTUGAL"),
    ("PR", "PRI", "PUERTO RICO"), ("QA", "QAT", "QATAR"), ("RE", "REU", "RÉUNION"),
    ("RO", "ROU", "ROMANIA"), ("RU", "RUS", "RUSSIAN FEDERATION"), ("RW", "RWA", "RWANDA"),
    ("BL", "BLM", "SAINT BARTHÉLEMY"), ("SH", "SHN", "SAINT HELENA, ASCENSION AND TRISTAN DA CUNHA"),
    ("KN", "KNA", "SAINT KITTS AND NEVIS"), ("LC", "LCA", "SAINT LUCIA"),
    ("MF", "MAF", "SAINT MARTIN (FRENCH PART)"), ("PM", "SPM", "SAINT PIERRE AND MIQUELON"),
    ("VC", "VCT", "SAINT VINCENT AND THE GRENADINES"), ("WS", "WSM", "SAMOA"), ("SM", "SMR", "SAN MARINO"),
    ("ST", "STP", "SAO TOME AND PRINCIPE"), ("SA", "SAU", "SAUDI ARABIA"), ("SN", "SEN", "SENEGAL"),
    ("RS", "SRB", "SERBIA"), ("SC", "SYC", "SEYCHELLES"), ("SL", "SLE", "SIERRA LEONE"),
    ("SG", "SGP", "SINGAPORE"), ("SX", "SXM", "SINT MAARTEN (DUTCH PART)"), ("SK", "SVK", "SLOVAKIA"),
    ("SI", "SVN", "SLOVENIA"), ("SB", "SLB", "SOLOMON ISLANDS"), ("SO", "SOM", "SOMALIA"),
    ("ZA", "ZAF", "SOUTH AFRICA"), ("GS", "SGS", "SOUTH GEORGIA AND THE SOUTH SANDWICH ISLANDS"),
    ("SS", "SSD", "SOUTH SUDAN"), ("ES", "ESP", "SPAIN"), ("LK", "LKA", "SRI LANKA"),
    ("SD", "SDN", "SUDAN"), ("SR", "SUR", "SURINAME"), ("SJ", "SJM", "SVALBARD AND JAN MAYEN"),
    ("SE", "SWE", "SWEDEN"), ("CH", "CHE", "SWITZERLAND"), ("SY", "SYR", "SYRIAN ARAB REPUBLIC"),
    ("TW", "TWN", "TAIWAN, PROVINCE OF CHINA"), ("TJ", "TJK", "TAJIKISTAN"),
    ("TZ", "TZA", "TANZANIA, UNITED REPUBLIC OF"), ("TH", "THA", "THAILAND"), ("TL", "TLS", "TIMOR-LESTE"),
    ("TG", "TGO", "TOGO"), ("TK", "TKL", "TOKELAU"), ("TO", "TON", "TONGA"),
    ("TT", "TTO", "TRINIDAD AND TOBAGO"), ("TN", "TUN", "TUNISIA"), ("TR", "TUR", "TURKEY"),
    ("TM", "TKM", "TURKMENISTAN"), ("TC", "TCA", "TURKS AND CAICOS ISLANDS"), ("TV", "TUV", "TUVALU"),
    ("UG", "UGA", "UGANDA"), ("UA", "UKR", "UKRAINE"), ("AE", "ARE", "UNITED ARAB EMIRATES"),
    ("GB", "GBR", "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND"),
    ("UM", "UMI", "UNITED STATES MINOR OUTLYING ISLANDS"), ("US", "USA", "UNITED STATES OF AMERICA"),
    ("UY", "URY", "URUGUAY"), ("UZ", "UZB", "UZBEKISTAN"), ("VU", "VUT", "VANUATU"),
    ("VE", "VEN", "VENEZUELA (BOLIVARIAN REPUBLIC OF)"), ("VN", "VNM", "VIET NAM"),
    ("VG", "VGB", "VIRGIN ISLANDS (BRITISH)"), ("VI", "VIR", "VIRGIN ISLANDS (U.S.)"),
    ("WF", "WLF", "WALLIS AND FUTUNA"), ("EH", "ESH", "WESTERN SAHARA *"), ("YE", "YEM", "YEMEN"),
    ("ZM", "ZMB", "ZAMBIA"), ("ZW", "ZWE", "ZIMBABWE"),
)
# fmt: on

# Retired or reserved codes still found in old templates (the CMRT 2.x/3.x list uses ROM, TMP, ZAR), each
# with exactly one present-day successor. Codes of dissolved countries with several successors
# (AN/ANT Netherlands Antilles, YU/YUG Yugoslavia, CS/SCG Serbia and Montenegro) are deliberately absent.
_LEGACY_CODES: dict[str, str] = {
    "ZR": "CD", "ZAR": "CD",  # Zaire
    "TP": "TL", "TMP": "TL",  # East Timor
    "ROM": "RO",  # Romania's alpha-3 before 2002
    "FX": "FR", "FXX": "FR",  # France, Metropolitan
    "UK": "GB",  # reserved for the United Kingdom
}  # fmt: skip

# Folded alias -> alpha-2. Keys are already in _fold() form (the tests check this). Only forms that name
# one country beyond doubt; names derivable from the ISO names ("REPUBLIC OF KOREA", "BOLIVIA", "IRAN",
# "TANZANIA", "MOLDOVA", "SAINT HELENA", ...) are generated in _build() and need not be listed.
# Decisions: bare "korea" is South Korea; "roc" / "republic of china" are Taiwan (its official name);
# bare "congo" is the Republic of the Congo (the ISO name, so not listed here); "macedonia" is North
# Macedonia; "netherlands antilles" and "yugoslavia" have no single successor and stay unknown.
# fmt: off
_ALIASES: dict[str, str] = {
    # United States
    "us": "US", "usa": "US", "america": "US", "united states": "US", "united states america": "US",
    "us of america": "US", "estados unidos": "US", "美国": "US", "美國": "US", "アメリカ": "US", "미국": "US",
    "us minor outlying islands": "UM", "us virgin islands": "VI", "british virgin islands": "VG", "bvi": "VG",
    # United Kingdom
    "uk": "GB", "united kingdom": "GB", "great britain": "GB", "britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "英国": "GB", "イギリス": "GB", "영국": "GB",
    "republic of ireland": "IE", "eire": "IE",
    # Koreas
    "korea": "KR", "south korea": "KR", "korea south": "KR", "s korea": "KR", "korea republic": "KR",
    "rok": "KR", "korea rok": "KR", "한국": "KR", "대한민국": "KR", "남한": "KR", "韩国": "KR", "韓国": "KR",
    "韓國": "KR", "north korea": "KP", "korea north": "KP", "n korea": "KP", "dprk": "KP", "dpr korea": "KP",
    "korea dpr": "KP", "korea dprk": "KP", "북한": "KP", "朝鲜": "KP", "北朝鮮": "KP",
    # China, Taiwan, Hong Kong, Macao
    "prc": "CN", "pr china": "CN", "china prc": "CN", "prc china": "CN", "china pr": "CN",
    "pr of china": "CN",
    "peoples republic of china": "CN", "china peoples republic of": "CN", "china peoples republic": "CN",
    "mainland china": "CN", "china mainland": "CN", "zhongguo": "CN", "中国": "CN", "中國": "CN",
    "中华人民共和国": "CN", "中華人民共和國": "CN", "中国大陆": "CN", "중국": "CN",
    "roc": "TW", "taiwan roc": "TW", "republic of china": "TW", "republic of china taiwan": "TW",
    "taiwan republic of china": "TW", "chinese taipei": "TW", "taiwan china": "TW", "台湾": "TW",
    "台灣": "TW", "中華民國": "TW", "中华民国": "TW", "대만": "TW",
    "hongkong": "HK", "hong kong sar": "HK", "hong kong china": "HK", "hong kong sar china": "HK",
    "china hong kong": "HK", "hksar": "HK", "香港": "HK", "홍콩": "HK",
    "macau": "MO", "macao sar": "MO", "macau sar": "MO", "macau china": "MO", "macao china": "MO",
    "澳门": "MO", "澳門": "MO",
    # Japan and East / South-East Asia
    "nihon": "JP", "nippon": "JP", "日本": "JP", "日本国": "JP", "일본": "JP",
    "vietnam": "VN", "socialist republic of vietnam": "VN", "越南": "VN", "베트남": "VN",
    "laos": "LA", "lao": "LA", "lao pdr": "LA", "laos peoples democratic republic": "LA",
    "burma": "MM", "myanmar burma": "MM", "brunei": "BN", "east timor": "TL",
    "phillipines": "PH", "philipines": "PH", "thai": "TH", "kampuchea": "KH",
    # Europe
    "deutschland": "DE", "federal republic of germany": "DE", "ドイツ": "DE", "德国": "DE", "독일": "DE",
    "espana": "ES", "italia": "IT", "turkiye": "TR", "czech republic": "CZ", "czech": "CZ",
    "ceska republika": "CZ", "cesko": "CZ", "slovak republic": "SK", "slovakia slovak republic": "SK",
    "holland": "NL", "nederland": "NL", "netherlands kingdom of": "NL", "kingdom of netherlands": "NL",
    "swiss": "CH", "schweiz": "CH", "suisse": "CH", "svizzera": "CH", "swiss confederation": "CH",
    "osterreich": "AT", "belgique": "BE", "belgie": "BE", "polska": "PL", "sverige": "SE", "suomi": "FI",
    "norge": "NO", "danmark": "DK", "france metropolitan": "FR", "hrvatska": "HR",
    "croatia local name hrvatska": "HR", "russia": "RU", "россия": "RU", "российская федерация": "RU",
    "russian fed": "RU", "俄罗斯": "RU", "ロシア": "RU", "러시아": "RU", "macedonia": "MK",
    "republic of north macedonia": "MK",
    "north macedonia republic of": "MK", "macedonia the former yugoslav republic of": "MK",
    "former yugoslav republic of macedonia": "MK", "fyrom": "MK", "moldavia": "MD",
    "bosnia": "BA", "bosnia herzegovina": "BA", "vatican": "VA", "vatican city": "VA",
    "vatican city state": "VA", "vatican city state holy see": "VA", "holy see vatican city state": "VA",
    "svalbard and jan mayen islands": "SJ", "faeroe islands": "FO", "aland": "AX",
    # Americas
    "brasil": "BR", "mexique": "MX", "trinidad": "TT", "antigua": "AG", "saint kitts": "KN",
    "saint vincent": "VC", "caribbean netherlands": "BQ", "falklands": "FK", "pitcairn islands": "PN",
    # Africa and the Middle East
    "drc": "CD", "dr congo": "CD", "congo drc": "CD", "congo dr": "CD", "congo kinshasa": "CD",
    "democratic republic of congo": "CD", "democratic republic congo": "CD",
    "congo democratic republic": "CD",
    "congo the democratic republic of": "CD", "zaire": "CD", "rdc": "CD", "congo rdc": "CD", "rd congo": "CD",
    "republique democratique du congo": "CD",
    "congo brazzaville": "CG", "republic of congo": "CG", "republic of the congo": "CG",
    "congo republic": "CG", "congo republic of": "CG",
    "ivory coast": "CI", "cote d ivoire": "CI", "swaziland": "SZ", "kingdom of eswatini": "SZ",
    "cape verde": "CV", "sao tome": "ST", "libyan arab jamahiriya": "LY",
    "syria": "SY", "uae": "AE", "emirates": "AE", "saudi": "SA", "ksa": "SA",
    "kingdom of saudi arabia": "SA", "rsa": "ZA", "republic of south africa": "ZA",
    "palestinian territories": "PS", "palestinian territory occupied": "PS",
    # Central Asia
    "kyrgyz republic": "KG", "kirghizia": "KG",
    # Oceania and others
    "heard and mc donald islands": "HM", "heard and mcdonald islands": "HM",
    "wallis and futuna islands": "WF",
}
# fmt: on

_BY_CODE: dict[str, Country] = {}
_LOOKUP: dict[str, Country] = {}

# Characters folded beyond what NFKD does.
_EXTRA = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ı": "i", "&": " and "})
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_NON_WORD = re.compile(r"[\W_]+")
_ABBREVIATIONS = {"st": "saint", "rep": "republic", "dem": "democratic"}
_CODE_SHAPE = re.compile(r"[A-Za-z]{2,3}")


def _latin(text: str, index: int) -> bool:
    """Whether the combining mark at ``index`` sits on a Latin (ASCII) base letter."""
    while index > 0 and unicodedata.combining(text[index - 1]):
        index -= 1
    return index > 0 and text[index - 1].isascii()


def _fold(text: str) -> str:
    """Case, accents, punctuation and spacing removed: the key under which names are looked up.

    Apostrophes vanish (``PEOPLE'S`` -> ``peoples``), other punctuation splits words, runs of single
    letters join (``U.S.A.`` -> ``usa``), ``st``/``rep``/``dem`` are spelled out, and a leading or trailing
    ``the`` is dropped. Only Latin combining accents are stripped, so Hangul and kana stay intact.

    >>> _fold("  Côte d'Ivoire * ")
    'cote divoire'
    >>> _fold("U.S.A."), _fold("St. Helena"), _fold("Gambia, The")
    ('usa', 'saint helena', 'gambia')
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    # Strip accents from Latin letters only: Cyrillic й or Japanese ド keep their marks.
    text = "".join(ch for i, ch in enumerate(text) if not ("\u0300" <= ch <= "\u036f" and _latin(text, i)))
    text = unicodedata.normalize("NFC", text).translate(_EXTRA)
    text = _NON_WORD.sub(" ", _APOSTROPHES.sub("", text))
    words: list[str] = []
    run: list[str] = []
    for word in text.split():
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if run:
            words.append("".join(run))
            run = []
        words.append(_ABBREVIATIONS.get(word, word))
    if run:
        words.append("".join(run))
    if words and words[0] == "the":
        words.pop(0)
    if words and words[-1] == "the":
        words.pop()
    return " ".join(words)


def _variants(name: str) -> list[str]:
    """Forms derivable from an ISO name: ``KOREA, REPUBLIC OF`` -> ``KOREA``, ``REPUBLIC OF KOREA``."""
    name = name.rstrip(" *")
    found = []
    match = re.fullmatch(r"(.+?) \((.+)\)(.*)", name) or re.fullmatch(r"([^,]+), (.+)()", name)
    if match:
        base, qualifier, rest = match.groups()
        found.append(base + rest)
        if re.search(r"\bOF( THE)?$", qualifier):
            found.append(f"{qualifier} {base}")
    return found


def _build() -> None:
    generated: dict[str, set[str]] = {}
    for code, alpha3, name in _ISO:
        country = Country(code, name)
        _BY_CODE[code] = _BY_CODE[alpha3] = country
        for variant in _variants(name):
            generated.setdefault(_fold(variant), set()).add(code)
    for code, current in _LEGACY_CODES.items():
        _BY_CODE[code] = _BY_CODE[current]
    # Precedence: generated forms that name one country only < explicit aliases < the ISO names.
    for key, codes in generated.items():
        if len(codes) == 1:
            _LOOKUP[key] = _BY_CODE[next(iter(codes))]
    for key, code in _ALIASES.items():
        _LOOKUP[key] = _BY_CODE[code]
    for code, _, name in _ISO:
        _LOOKUP[_fold(name)] = _BY_CODE[code]


_build()


def country_by_code(code: str) -> Country | None:
    """The country with this ISO 3166-1 alpha-2 or alpha-3 code (any case), or ``None``.

    Retired codes with one successor are accepted (``ZAR``/``ZR`` Zaire, ``TMP`` East Timor, ``ROM``).

    >>> country_by_code("kor")
    Country(code='KR', name='KOREA, REPUBLIC OF')
    >>> country_by_code("ZAR").code, country_by_code("XX")
    ('CD', None)
    """
    if not isinstance(code, str):
        return None
    return _BY_CODE.get(code.strip().upper())


def normalize_country(text: object) -> Country | None:
    """The one country that ``text`` names, or ``None`` when it names none (or not beyond doubt).

    Accepts the CMRT dropdown names of every template version, ISO names and codes in any case, and the
    everyday and native forms suppliers type. Case, spacing, accents, punctuation and a trailing ``" *"``
    do not matter. Longer text that merely contains a country is not searched. Never raises.

    >>> normalize_country("UNITED STATES")
    Country(code='US', name='UNITED STATES OF AMERICA')
    >>> normalize_country("south korea").name
    'KOREA, REPUBLIC OF'
    >>> normalize_country("ZAIRE").code, normalize_country("DR Congo").code, normalize_country("Congo").code
    ('CD', 'CD', 'CG')
    >>> normalize_country("côte d’ivoire").name
    "CÔTE D'IVOIRE"
    >>> normalize_country(" kor ").code, normalize_country("Deutschland").code, normalize_country("中国").code
    ('KR', 'DE', 'CN')
    >>> normalize_country("Unknown") is None, normalize_country("N/A") is None, normalize_country("") is None
    (True, True, True)
    >>> normalize_country("Tokuriki Honten Co., Ltd., Japan") is None, normalize_country(42) is None
    (True, True)
    """
    if isinstance(text, Country):
        return text
    if not isinstance(text, str) or len(text) > 200:
        return None
    found = _LOOKUP.get(_fold(text))
    if found is not None:
        return found
    # Codes only as bare letters: "N.A." or "n/a" must not become Namibia, "no." not Norway.
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", text.strip().rstrip(" *")) if not unicodedata.combining(c)
    )
    if _CODE_SHAPE.fullmatch(bare):
        return _BY_CODE.get(bare.upper())
    return None


_LIST_SEPARATORS = re.compile(r"[;/|\n\r、，；]+|\s+(?:and|&|\+|or|-|–)\s+", re.IGNORECASE)


def countries_in(text: object) -> tuple[Country, ...]:
    """Every country a free-text list names, in order, without repeats: the Smelter List's mine-country
    column holds ``"DRC; Rwanda"``, ``"China, Peru and Bolivia"`` or ``"CONGO, DEMOCRATIC REPUBLIC OF THE"``.

    Comma-separated parts are first tried joined (RMI names contain commas), then one by one; parts that
    name no country (``"Recycled"``, ``"various"``) are skipped.

    >>> [c.code for c in countries_in("CONGO, DEMOCRATIC REPUBLIC OF THE, Rwanda")]
    ['CD', 'RW']
    >>> [c.code for c in countries_in("China, Peru and Bolivia; recycled/scrap")]
    ['CN', 'PE', 'BO']
    >>> countries_in("various") == countries_in(None) == ()
    True
    """
    if not isinstance(text, str) or not text.strip():
        return ()
    whole = normalize_country(text)
    if whole is not None:
        return (whole,)
    found: dict[str, Country] = {}
    for chunk in _LIST_SEPARATORS.split(text):
        country = normalize_country(chunk)  # "Congo (Kinshasa)" as a whole, before its bracket goes
        if country is not None:
            found.setdefault(country.code, country)
            continue
        chunk = re.sub(r"\([^)]*\)", " ", chunk)
        parts = [p.strip() for p in chunk.split(",") if p.strip()]
        index = 0
        while index < len(parts):
            for width in (3, 2, 1):  # "KOREA, REPUBLIC OF" before "KOREA"
                country = normalize_country(", ".join(parts[index : index + width]))
                if country is not None and index + width <= len(parts):
                    found.setdefault(country.code, country)
                    index += width
                    break
            else:
                index += 1
    return tuple(found.values())
