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

import logging
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from .errors import LoaderError, SchemaError, UnknownActor
from .model import ACTOR_KINDS, Actor, make_actor_id

__all__ = ["ActorRegistry", "normalize_name", "lookup_keys", "matches_search", "close_matches", "load_actor_file",
           "parse_actor_rows"]

log = logging.getLogger(__name__)
DATA = Path(__file__).with_name("data") / "actors.yaml"
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

    # -- building -----------------------------------------------------------------
    @classmethod
    def builtin(cls, overlay: str | Path | None = None) -> "ActorRegistry":
        """The built-in gazetteer, optionally extended by an overlay file."""
        reg = _builtin_copy()
        if overlay:
            reg.add_all(load_actor_file(overlay))
        return reg

    def copy(self) -> "ActorRegistry":
        return replace(self, actors=dict(self.actors), _index=dict(self._index))

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
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise LoaderError.from_yaml(str(path), e) from None
    except (OSError, UnicodeDecodeError) as e:
        raise LoaderError(str(path), f"cannot read ({e})") from None


def load_actor_file(path: str | Path) -> list[Actor]:
    """Read an actor overlay: ``actors: [{name, kind, code, aliases, role, parent, id}]``.

    An entry without ``id`` gets :func:`kg.model.make_actor_id`; an entry with the
    id of a built-in actor overrides it.
    """
    path = Path(path)
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise LoaderError(str(path), "expected a mapping with an 'actors:' list")
    return parse_actor_rows(data["actors"], path)


def parse_actor_rows(rows: list, path: str | Path) -> list[Actor]:
    """Actors from parsed ``actors:`` rows; a bad row raises LoaderError naming `path` and the row."""
    out = []
    for i, row in enumerate(rows):
        where = f"actors[{i}]"
        if not isinstance(row, dict) or not row.get("name"):
            raise LoaderError(str(path), f"{where}: each actor needs at least a name")
        unknown = set(row) - {"id", "name", "kind", "code", "aliases", "role", "parent"}
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
    return reg


def _builtin_copy() -> ActorRegistry:
    return _builtin().copy()
