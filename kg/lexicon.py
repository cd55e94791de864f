"""Lexicon stage: the TSV files of kg/lexicons (actors, countries, roles) -> a validated `Lexicon`.

Everything else asks the lexicon who an actor is: its names in kk/ru/en, its
type, which country a capital or a seat of power speaks for, which state an
adjective of nationality names, and who held an office on a given date (who
"the President" is depends on the article's date).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import LexiconError
from kg.languages import BY_CODE, CODES
from kg.model import Actor

TYPES = frozenset({"Person", "Country", "Organization", "Place", "Region", "Event", "Project"})
ROLE_RELATIONS = frozenset({"leaderOf", "affiliatedWith", "memberOf"})
LANGS = CODES
DEMONYM_COLUMNS = tuple(f"{lang}_demonym" for lang in LANGS)
ACTOR_COLUMNS = ("id", "type", "wikidata", "capital_of", "located_in", *LANGS,
                 *(f"{lang}_alt" for lang in LANGS), *DEMONYM_COLUMNS)
# A file may leave the demonym columns out altogether (a small test lexicon has no use for them).
ACTOR_COLUMNS_REQUIRED = len(ACTOR_COLUMNS) - len(DEMONYM_COLUMNS)
ROLE_COLUMNS = ("person_id", "relation", "target_id", "start", "end")
ACTOR_FILES = ("countries.tsv", "actors.tsv")
ROLE_FILE = "roles.tsv"

_ID = re.compile(r"^[a-z0-9_]+$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


class LexiconFormatError(LexiconError):
    """A lexicon row breaks the format; the message names file and line."""

    def __init__(self, file: str, line: int, reason: str) -> None:
        super().__init__(f"{file}:{line}: {reason}")
        self.file = file
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class Role:
    """A dated office: `person` holds `relation` (leaderOf, affiliatedWith) to `target`.

    `start` is inclusive, `end` exclusive (the day a successor takes office);
    `None` means open on that side.
    """

    person: str
    relation: str
    target: str
    start: dt.date | None
    end: dt.date | None

    def active(self, on: dt.date | None) -> bool:
        """Whether the role holds on `on` (`None`: today, i.e. the role has no end)."""
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


_DEMONYM_CACHE_SIZE = 100_000  # distinct (word, lang) pairs remembered by Lexicon.demonym

_DASH = re.compile(r"\s*[–—‒]\s*|\s+-\s+")
_QUOTES = re.compile(r"[«»„“”\"]")


def normalize_name(name: str) -> str:
    """The spelling-insensitive key of a name: quotes dropped, dashes unified, spaces collapsed.

    Example:
        >>> normalize_name("саммит «Центральная Азия — ЕС»")
        'саммит Центральная Азия – ЕС'
    """
    name = _QUOTES.sub("", name)
    name = _DASH.sub(" – ", name)
    return " ".join(name.split())


def is_latin(name: str) -> bool:
    """A name written in Latin script only (G20, C5+1, Chevron), whatever its column."""
    return bool(_LATIN.search(name)) and not _CYRILLIC.search(name)


class Lexicon:
    """Actors and their dated roles, indexed for lookup.

    Example:
        >>> lex = load_lexicon()
        >>> lex.holder("leaderOf", "country_kz", dt.date(2025, 9, 19))
        'tokayev'
    """

    def __init__(self, actors: dict[str, Actor], roles: Iterable[Role]) -> None:
        self.actors: dict[str, Actor] = actors
        self.roles: tuple[Role, ...] = tuple(roles)
        # lang -> (compiled demonym pattern, actor id) in file order
        self._demonyms: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
            lang: tuple((re.compile(a.demonyms[lang]), a.id) for a in actors.values() if lang in a.demonyms)
            for lang in LANGS
        }
        # asked once per token on large corpora, so each distinct word is matched once; a plain
        # dict, not functools.lru_cache, because the lexicon is pickled to worker processes
        self._demonym_cache: dict[tuple[str, str], str | None] = {}
        self._names: dict[str, list[tuple[str, str]]] = {}
        self._by_name: dict[tuple[str, str], tuple[str, ...]] = {}
        for lang in LANGS:
            pairs = self._build_names(lang)
            self._names[lang] = pairs
            for name, actor_id in pairs:
                key = (lang, normalize_name(name))
                if actor_id not in self._by_name.get(key, ()):
                    self._by_name[key] = (*self._by_name.get(key, ()), actor_id)

    def _build_names(self, lang: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        seen: set[tuple[str, str]] = set()

        def add(name: str, actor_id: str) -> None:
            variants = [name]
            # ё is optional in Russian print: "Мирзиёев" is often "Мирзиеев"
            if "ё" in name or "Ё" in name:
                variants.append(name.replace("ё", "е").replace("Ё", "Е"))
            # "Центральная Азия – Китай" is also typed with an em dash or a hyphen
            for variant in list(variants):
                if "–" in variant:
                    variants += [variant.replace("–", "—"), variant.replace("–", "-")]
            for variant in variants:
                if (variant, actor_id) not in seen:
                    seen.add((variant, actor_id))
                    out.append((variant, actor_id))

        for actor in self.actors.values():
            for name in _all_names(actor, lang):
                add(name, actor.id)
            # Kazakh texts often spell foreign people's names the Russian way
            if actor.type == "Person":
                for other in BY_CODE[lang].person_names_from:
                    for name in _all_names(actor, other):
                        add(name, actor.id)
            # G20, C5+1, Chevron are written in Latin letters in every language
            for other in LANGS:
                if other != lang:
                    for name in _all_names(actor, other):
                        if is_latin(name):
                            add(name, actor.id)
        return out

    def names(self, lang: str) -> list[tuple[str, str]]:
        """All (name, actor_id) pairs to look for in a text of language `lang`.

        Labels and alt names of `lang`; for kk also the Russian names of people;
        for every language the Latin-script names of any column; for names with
        "ё" also the spelling with "е", for names with an en dash also the em-dash
        and hyphen spellings. Order is stable (file order).
        """
        return list(self._names.get(lang, ()))

    def ids_for(self, name: str, lang: str) -> tuple[str, ...]:
        """The actor ids a name in base form denotes in `lang` (usually one, empty if unknown).

        Quotes, dash style and spacing do not matter (see `normalize_name`).
        """
        return self._by_name.get((lang, normalize_name(name)), ())

    def holder(self, relation: str, target: str, on: dt.date | None) -> str | None:
        """Who held `relation` to `target` on date `on` (`None`: the current holder).

        Where two people hold it at once (Iran's president and Supreme Leader), the
        one listed first in roles.tsv wins: the lexicon lists the office that
        news calls "the leader" first.
        """
        for role in self.roles:
            if role.relation == relation and role.target == target and role.active(on):
                return role.person
        return None

    def roles_of(self, person: str, on: dt.date | None = None) -> list[Role]:
        """The roles of `person`: all of them, or only those active on `on` when it is given."""
        return [r for r in self.roles if r.person == person and (on is None or r.active(on))]

    def capital_of(self, actor_id: str) -> str | None:
        """The state (or body) a capital or seat of power speaks for, e.g. "moscow" -> "country_ru"."""
        actor = self.actors.get(actor_id)
        return actor.capital_of if actor else None

    def demonym(self, word: str, lang: str) -> str | None:
        """The actor an adjective of nationality names, or None.

        The lower-cased `word` is matched whole against each actor's `<lang>_demonym`
        pattern in file order (countries.tsv, then actors.tsv); the first match wins.

        Example:
            >>> lex = load_lexicon()
            >>> lex.demonym("Российских", "ru"), lex.demonym("ресейлік", "kk"), lex.demonym("U.S.", "en")
            ('country_ru', 'country_ru', 'country_us')
        """
        low = word.lower()
        key = (low, lang)
        if key not in self._demonym_cache:
            if len(self._demonym_cache) >= _DEMONYM_CACHE_SIZE:  # bounded: a corpus's rare words come and go
                self._demonym_cache.clear()
            self._demonym_cache[key] = next(
                (actor_id for pattern, actor_id in self._demonyms.get(lang, ()) if pattern.fullmatch(low)), None)
        return self._demonym_cache[key]


def _all_names(actor: Actor, lang: str) -> list[str]:
    label = actor.labels.get(lang)
    return ([label] if label else []) + list(actor.aliases.get(lang, ()))


def _rows(text: str, file: str, columns: tuple[str, ...],
          required: int | None = None) -> Iterable[tuple[int, list[str]]]:
    """Data rows with their 1-based line numbers; comments, blank lines and the header skipped.

    A header may stop after the first `required` columns; the rows of such a file are
    padded with empty cells to the full `columns`.
    """
    header: tuple[str, ...] | None = None
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            if tuple(cells) not in {columns, columns[:required or len(columns)]}:
                raise LexiconFormatError(file, lineno, f"header must be {'<TAB>'.join(columns)}")
            header = tuple(cells)
            continue
        if len(cells) != len(header):
            raise LexiconFormatError(file, lineno, f"{len(cells)} columns, expected {len(header)}")
        yield lineno, [c.strip() for c in cells] + [""] * (len(columns) - len(header))
    if header is None:
        raise LexiconFormatError(file, 1, "no header row")


def _parse_date(value: str, file: str, line: int) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise LexiconFormatError(file, line, f"bad date {value!r}, expected YYYY-MM-DD") from None


def parse_lexicon(actor_sources: Iterable[tuple[str, str]], roles_source: tuple[str, str]) -> Lexicon:
    """Build and validate a lexicon from TSV texts.

    Args:
        actor_sources: (file name, text) pairs in the actors/countries format.
        roles_source: (file name, text) in the roles format.

    Returns:
        The lexicon.

    Raises:
        LexiconFormatError: a malformed row, an unknown type, a duplicate id, or a
            capital_of / located_in / role pointing to an unknown id.
    """
    actors: dict[str, Actor] = {}
    where: dict[str, tuple[str, int]] = {}
    pending: list[tuple[str, int, str, str]] = []  # file, line, column, id it points to
    for file, text in actor_sources:
        for line, cells in _rows(text, file, ACTOR_COLUMNS, ACTOR_COLUMNS_REQUIRED):
            row = dict(zip(ACTOR_COLUMNS, cells, strict=True))
            actor_id = row["id"]
            if not _ID.match(actor_id):
                raise LexiconFormatError(file, line, f"id {actor_id!r} is not a lowercase ascii slug")
            if actor_id in actors:
                first_file, first_line = where[actor_id]
                raise LexiconFormatError(
                    file, line, f"duplicate id {actor_id!r} (first at {first_file}:{first_line})")
            if row["type"] not in TYPES:
                raise LexiconFormatError(file, line, f"unknown type {row['type']!r}, expected one of "
                                         f"{', '.join(sorted(TYPES))}")
            if row["wikidata"] and not _QID.match(row["wikidata"]):
                raise LexiconFormatError(file, line, f"wikidata {row['wikidata']!r} is not a Q-id")
            labels = {lang: row[lang] for lang in LANGS if row[lang]}
            if not labels:
                raise LexiconFormatError(file, line, f"{actor_id}: no name in any language")
            aliases = {}
            for lang in LANGS:
                alts = tuple(a.strip() for a in row[f"{lang}_alt"].split("|") if a.strip())
                if alts:
                    aliases[lang] = alts
            for column in ("capital_of", "located_in"):
                if row[column]:
                    pending.append((file, line, column, row[column]))
            demonyms = {}
            for lang in LANGS:
                pattern = row[f"{lang}_demonym"]
                if pattern:
                    try:
                        re.compile(pattern)
                    except re.error as err:
                        raise LexiconFormatError(file, line, f"{lang}_demonym {pattern!r} is not a regular "
                                                 f"expression: {err}") from None
                    demonyms[lang] = pattern
            actors[actor_id] = Actor(
                id=actor_id, type=row["type"], labels=labels, aliases=aliases,
                wikidata=row["wikidata"] or None, capital_of=row["capital_of"] or None,
                located_in=row["located_in"] or None, demonyms=demonyms,
            )
            where[actor_id] = (file, line)
    for file, line, column, target in pending:
        if target not in actors:
            raise LexiconFormatError(file, line, f"{column} points to unknown id {target!r}")

    roles: list[Role] = []
    file, text = roles_source
    for line, cells in _rows(text, file, ROLE_COLUMNS):
        person, relation, target, start, end = cells
        if person not in actors:
            raise LexiconFormatError(file, line, f"unknown person id {person!r}")
        if actors[person].type != "Person":
            raise LexiconFormatError(file, line, f"{person!r} is a {actors[person].type}, not a Person")
        if relation not in ROLE_RELATIONS:
            raise LexiconFormatError(file, line, f"unknown relation {relation!r}, expected one of "
                                     f"{', '.join(sorted(ROLE_RELATIONS))}")
        if target not in actors:
            raise LexiconFormatError(file, line, f"unknown target id {target!r}")
        role = Role(person, relation, target, _parse_date(start, file, line), _parse_date(end, file, line))
        if role.start and role.end and role.end <= role.start:
            raise LexiconFormatError(file, line, f"end {end} is not after start {start}")
        roles.append(role)
    return Lexicon(actors, roles)


def load_lexicon_from(directory: Path) -> Lexicon:
    """Read countries.tsv, actors.tsv and roles.tsv from `directory` (not cached; for tests and tools)."""
    return parse_lexicon(
        [(name, (directory / name).read_text(encoding="utf-8")) for name in ACTOR_FILES],
        (ROLE_FILE, (directory / ROLE_FILE).read_text(encoding="utf-8")),
    )


@functools.cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon (kg/lexicons/*.tsv), read once per process.

    Raises:
        LexiconFormatError: a lexicon file is malformed (file and line in the message).
    """
    package = resources.files("kg.lexicons")
    return parse_lexicon(
        [(name, package.joinpath(name).read_text(encoding="utf-8")) for name in ACTOR_FILES],
        (ROLE_FILE, package.joinpath(ROLE_FILE).read_text(encoding="utf-8")),
    )
