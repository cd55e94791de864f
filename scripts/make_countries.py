"""Lexicon build step: pycountry's ISO 3166-1 names (en, ru, kk) -> kg/lexicons/countries.tsv.

Run from the repository root:

    .venv/bin/python scripts/make_countries.py            # rewrite the file
    .venv/bin/python scripts/make_countries.py --check    # exit 1 if the file is stale

The output is deterministic: re-running it on the same pycountry release gives
the committed file byte for byte.
"""

from __future__ import annotations

import argparse
import gettext
import sys
import unicodedata
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "kg" / "lexicons" / "countries.tsv"

HEADER = ("id", "type", "wikidata", "capital_of", "located_in",
          "en", "ru", "kk", "en_alt", "ru_alt", "kk_alt", "en_demonym", "ru_demonym", "kk_demonym")

# The 193 member states of the United Nations (ISO 3166-1 alpha-2), as listed on
# https://www.un.org/en/about-us/member-states, plus the two observer states
# (Holy See, Palestine). Dependent territories (Aruba, Greenland, Hong Kong, ...)
# are not actors of political news in their own right and stay out.
UN_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH
CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI
FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP
KR KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM
NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST
SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV
UG UA AE GB US UY UZ VU VE VN YE ZM ZW
""".split()
OBSERVERS = ["VA", "PS"]

# Wikidata items we are sure of; the rest stay empty rather than guessed.
WIKIDATA = {
    "AF": "Q889", "AE": "Q878", "AM": "Q399", "AZ": "Q227", "BE": "Q31", "BR": "Q155", "BY": "Q184",
    "CA": "Q16", "CH": "Q39", "CN": "Q148", "DE": "Q183", "EG": "Q79", "ES": "Q29", "FR": "Q142",
    "GB": "Q145", "GE": "Q230", "IL": "Q801", "IN": "Q668", "IR": "Q794", "IT": "Q38", "JO": "Q810",
    "JP": "Q17", "KG": "Q813", "KP": "Q423", "KR": "Q884", "KZ": "Q232", "MN": "Q711", "PK": "Q843",
    "PL": "Q36", "QA": "Q846", "RU": "Q159", "SA": "Q851", "TJ": "Q863", "TM": "Q874", "TR": "Q43",
    "UA": "Q212", "US": "Q30", "UZ": "Q265",
}

# The names news actually uses. pycountry gives ISO's long official forms ("Russian
# Federation", "Iran, Islamic Republic of") and a few Kazakh spellings that differ
# from current press usage (Әзірбайжан vs Әзербайжан). An override's canonical
# name replaces pycountry's, which is kept as an alt name; "*_alt" entries are added.
OVERRIDES: dict[str, dict[str, str]] = {
    "KZ": {"en_alt": "Republic of Kazakhstan|Qazaqstan", "ru_alt": "Республика Казахстан|РК",
           "kk_alt": "Қазақстан Республикасы|ҚР"},
    "RU": {"en": "Russia", "ru": "Россия", "kk": "Ресей",
           "en_alt": "Russian Federation", "ru_alt": "Российская Федерация|РФ",
           "kk_alt": "Ресей Федерациясы|РФ"},
    "US": {"ru": "США", "kk": "Америка Құрама Штаттары",
           "en_alt": "United States of America|USA|US|U.S.|America",
           "ru_alt": "Соединённые Штаты Америки|Соединённые Штаты|Америка",
           "kk_alt": "АҚШ|Америка|Құрама Штаттар"},
    "CN": {"en_alt": "People's Republic of China|PRC", "ru_alt": "Китайская Народная Республика|КНР",
           "kk_alt": "Қытай Халық Республикасы|ҚХР"},
    "UZ": {"ru_alt": "Республика Узбекистан", "kk_alt": "Өзбекстан Республикасы"},
    "KG": {"ru": "Кыргызстан", "en_alt": "Kyrgyz Republic",
           "ru_alt": "Киргизия|Кыргызская Республика|Киргизская Республика", "kk_alt": "Қырғыз Республикасы"},
    "TJ": {"ru_alt": "Республика Таджикистан"},
    "TM": {"ru_alt": "Туркмения", "kk_alt": "Түркіменстан"},
    "AZ": {"kk": "Әзербайжан", "ru_alt": "Азербайджанская Республика|Республика Азербайджан",
           "kk_alt": "Әзербайжан Республикасы"},
    "TR": {"en_alt": "Turkey", "ru_alt": "Турецкая Республика|Туркие", "kk_alt": "Түркие"},
    "QA": {"kk_alt": "Қатар"},
    "AE": {"en_alt": "UAE|Emirates", "ru_alt": "ОАЭ|Эмираты", "kk_alt": "БАӘ"},
    "IR": {"en": "Iran", "ru_alt": "Исламская Республика Иран"},
    "KR": {"en": "South Korea", "ru": "Южная Корея", "kk": "Оңтүстік Корея",
           "en_alt": "Republic of Korea|Korea", "ru_alt": "Республика Корея|Корея",
           "kk_alt": "Корея Республикасы|Корея"},
    "KP": {"en": "North Korea", "ru": "КНДР", "kk": "Солтүстік Корея",
           "en_alt": "DPRK|Democratic People's Republic of Korea",
           "ru_alt": "Северная Корея|Корейская Народно-Демократическая Республика", "kk_alt": "КХДР"},
    "GB": {"ru": "Великобритания", "en_alt": "UK|Britain|Great Britain",
           "ru_alt": "Соединённое Королевство|Британия", "kk_alt": "Британия"},
    "DE": {"ru_alt": "ФРГ", "kk_alt": "ГФР"},
    "EG": {"kk_alt": "Египет"},
    "SY": {"en": "Syria", "ru": "Сирия", "kk": "Сирия"},
    "LA": {"en": "Laos", "ru": "Лаос", "kk": "Лаос"},
    "VN": {"en": "Vietnam"},
    "MD": {"en": "Moldova", "ru": "Молдова", "kk": "Молдова", "ru_alt": "Молдавия"},
    "VE": {"en": "Venezuela", "ru": "Венесуэла", "kk": "Венесуэла"},
    "BO": {"en": "Bolivia", "kk": "Боливия"},
    "TZ": {"en": "Tanzania"},
    "BN": {"en": "Brunei", "ru": "Бруней"},
    "FM": {"en": "Micronesia", "ru": "Микронезия"},
    "CD": {"en": "DR Congo", "ru": "ДР Конго", "en_alt": "Democratic Republic of the Congo"},
    "CG": {"en": "Republic of the Congo", "en_alt": "Congo-Brazzaville"},
    "CI": {"en_alt": "Ivory Coast"},
    "CZ": {"en_alt": "Czech Republic"},
    "PS": {"en": "Palestine", "kk": "Палестина", "en_alt": "State of Palestine",
           "ru_alt": "Государство Палестина"},
    "VA": {"en": "Holy See", "ru": "Ватикан", "en_alt": "Vatican|Vatican City", "ru_alt": "Святой Престол",
           "kk_alt": "Қасиетті Тақ"},
    "NL": {"en_alt": "Holland", "ru_alt": "Голландия", "kk_alt": "Нидерланд|Голландия"},
    "TH": {"kk_alt": "Таиланд"},
    "MN": {"kk": "Моңғолия"},
    "BY": {"ru_alt": "Белоруссия|Республика Беларусь"},
    "ZA": {"ru": "ЮАР", "kk": "Оңтүстік Африка Республикасы", "en_alt": "RSA",
           "ru_alt": "Южно-Африканская Республика|Южная Африка", "kk_alt": "ОАР|Оңтүстік Африка"},
    "AF": {"kk_alt": "Ауғанстан Ислам Әмірлігі"},
    "JO": {"en_alt": "Hashemite Kingdom of Jordan"},
    "SA": {"en_alt": "KSA", "ru_alt": "Саудовская Аравия|Королевство Саудовская Аравия"},
    "IN": {"kk_alt": "Индия"},
    "FR": {"ru_alt": "Французская Республика"},
    "UA": {"kk_alt": "Украина Республикасы"},
    "JP": {"kk_alt": "Жапон|Япония"},
    "DO": {"ru": "Доминиканская Республика"},
    "CF": {"ru": "Центральноафриканская Республика", "ru_alt": "ЦАР"},
    "GE": {"en_alt": "Sakartvelo", "ru_alt": "Сакартвело"},
}

# Adjectives of nationality, (en, ru, kk) per state: a Python regular expression that the
# lower-cased word must match whole (re.fullmatch). Hand-written for kg from the languages'
# grammar: Russian adjectives by their stem plus any ending ("российск" + ий/ая/их/...),
# Kazakh ones by the adjective suffix (-лық/-лік, -дық/-дік, -тық/-тік) plus any case or plural
# ending, English ones as the exact words. No two patterns of one language may match the same
# word (tests/test_lexicon.py checks it), so the order the lexicon tries them in does not matter.
# Only the states regional news names this way are listed; the European Union's are in actors.tsv.
DEMONYMS: dict[str, tuple[str, str, str]] = {
    "KZ": (r"kazakh|kazakhstani", r"казахстанск\w*", r"қазақстандық\w*|қазақ(тың)?"),
    "US": (r"american|u\.s\.|us", r"американск\w*", r"америка(лық|ндық|н)\w*"),
    "RU": (r"russian", r"российск\w*", r"ресейлік\w*"),
    "CN": (r"chinese", r"китайск\w*", r"қытайлық\w*"),
    "UZ": (r"uzbek", r"узбекск\w*|узбекистанск\w*", r"өзбекстандық\w*"),
    "KG": (r"kyrgyz", r"кыргызск\w*|киргизск\w*|кыргызстанск\w*", r"қырғызстандық\w*"),
    "TJ": (r"tajik", r"таджикск\w*", r"тәжікстандық\w*"),
    "TM": (r"turkmen", r"туркменск\w*", r"түрікменстандық\w*"),
    "AZ": (r"azerbaijani", r"азербайджанск\w*", r"әзербайжандық\w*"),
    "TR": (r"turkish", r"турецк\w*", r"түркиялық\w*"),
    "FR": (r"french", r"французск\w*", r"француздық\w*"),
    "DE": (r"german", r"германск\w*|немецк\w*", r"германиялық\w*"),
    "GB": (r"british", r"британск\w*", r"британдық\w*"),
    "JP": (r"japanese", r"японск\w*", r"жапониялық\w*"),
    "KR": (r"korean", r"южнокорейск\w*", r"кореялық\w*"),
    "IN": (r"indian", r"индийск\w*", r"үнділік\w*"),
    "IR": (r"iranian", r"иранск\w*", r"ирандық\w*"),
    "UA": (r"ukrainian", r"украинск\w*", r"украиналық\w*"),
    "BY": (r"belarusian", r"белорусск\w*", r"беларусьтік\w*"),
    "PK": (r"pakistani", "", ""),
    "MN": (r"mongolian", "", ""),
    "GE": (r"georgian", "", ""),
    "AM": (r"armenian", "", ""),
    "IT": (r"italian", "", ""),
    "AF": (r"afghan", "", ""),
    "IL": (r"israeli", "", ""),
    "SA": (r"saudi", "", ""),
    "AE": (r"emirati", "", ""),
    "QA": (r"qatari", "", ""),
    "HU": (r"hungarian", "", ""),
    "PL": (r"polish", "", ""),
}

LANGS = ("en", "ru", "kk")


def _translators() -> dict[str, gettext.NullTranslations]:
    return {
        "en": gettext.NullTranslations(),
        "ru": gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"]),
        "kk": gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["kk"]),
    }


def _usable(name: str) -> bool:
    # ISO's inverted forms ("Korea, Republic of"), glosses ("Корея (Солтүстік)") and
    # article-first forms ("the State of Eritrea") are not names anyone writes in running text.
    return bool(name) and "," not in name and "(" not in name and not name.startswith("the ")


def _clean(name: str) -> str:
    # some ru catalogue entries carry stress marks (Респу́блика), which no news text has
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).replace("\u0301", ""))


def _rows() -> list[list[str]]:
    tr = _translators()
    codes = sorted(UN_MEMBERS + OBSERVERS)
    if set(DEMONYMS) - set(codes):
        raise SystemExit(f"DEMONYMS names states that are not listed: {sorted(set(DEMONYMS) - set(codes))}")
    draft: dict[str, dict[str, list[str]]] = {}
    for code in codes:
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            raise SystemExit(f"pycountry does not know {code}")
        base = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        names: dict[str, list[str]] = {}
        for lang in LANGS:
            found: list[str] = []
            for i, english in enumerate(base):
                if not english:
                    continue
                local = _clean(tr[lang].gettext(english))
                # an untranslated official name is English, not Russian or Kazakh
                if lang != "en" and local == english and i > 0:
                    continue
                if _usable(local) and local not in found:
                    found.append(local)
            if lang == "en" and getattr(country, "common_name", ""):
                found.remove(country.common_name)
                found.insert(0, country.common_name)
            names[lang] = found
        over = OVERRIDES.get(code, {})
        for lang in LANGS:
            # canonical first, then the override's alts, then pycountry's; a name that
            # differs from an earlier one only in letter case ("Соединённые штаты") goes
            ordered = [over.get(lang) or names[lang][0]]
            ordered += [*filter(None, over.get(f"{lang}_alt", "").split("|")), *names[lang]]
            seen: set[str] = set()
            names[lang] = []
            for name in ordered:
                if name.casefold() not in seen:
                    seen.add(name.casefold())
                    names[lang].append(name)
        draft[code] = names
    # pycountry has a few wrong official translations (its kk official name of Nepal
    # is "Орталық Африка Республикасы"): a name that is another state's canonical
    # name is dropped from the alts.
    canonical = {(lang, d[lang][0]): code for code, d in draft.items() for lang in LANGS}
    rows = []
    for code, names in draft.items():
        for lang in LANGS:
            keep = names[lang][:1]
            for alt in names[lang][1:]:
                if canonical.get((lang, alt), code) == code:
                    keep.append(alt)
            names[lang] = keep
        rows.append([
            f"country_{code.lower()}", "Country", WIKIDATA.get(code, ""), "", "",
            *(names[lang][0] for lang in LANGS),
            *("|".join(names[lang][1:]) for lang in LANGS),
            *DEMONYMS.get(code, ("", "", "")),
        ])
    return rows


def render() -> str:
    """The full text of countries.tsv."""
    lines = [
        "# Sovereign states: the 193 UN members plus the Holy See and Palestine.",
        "# Generated by scripts/make_countries.py from pycountry's ISO 3166-1 names and their",
        f"# ru/kk translations (iso3166-1 gettext catalogues, pycountry {pycountry_version()}),",
        "# with the script's OVERRIDES for the short names news uses. The *_demonym columns",
        "# (adjectives of nationality, regular expressions) are the script's DEMONYMS table,",
        "# hand-written for kg from the languages' grammar.",
        "# Do not edit by hand: change the script and re-run it.",
        "\t".join(HEADER),
    ]
    lines += ["\t".join(row) for row in _rows()]
    return "\n".join(lines) + "\n"


def pycountry_version() -> str:
    """pycountry's release, which fixes the translations we read."""
    from importlib.metadata import version

    return version("pycountry")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed file")
    args = parser.parse_args()
    text = render()
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("countries.tsv is up to date" if same else "countries.tsv is stale: re-run the script")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    rows = sum(1 for line in text.splitlines() if line.startswith("country_"))
    print(f"wrote {OUT} ({rows} states)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
