"""Load and validate ``schema.yaml``: the actor kinds and relation types of the graph.

>>> from kg.schema import load_schema
>>> s = load_schema()
>>> s.relation("MET").symmetric, s.relation("CRITICIZED").polarity
(True, 'conflictual')
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import SchemaError, UnknownRelation, yaml_problem

__all__ = ["ActorKind", "RelationType", "Cues", "Schema", "load_schema", "parse_schema", "DEFAULT_SCHEMA"]

DEFAULT_SCHEMA = Path(__file__).with_name("schema.yaml")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_TYPE_NAME = re.compile(r"^[A-Z][A-Z_]*$")
POLARITIES = ("cooperative", "conflictual", "neutral")


@dataclass(frozen=True)
class ActorKind:
    name: str
    label: str
    description: str
    color: str
    shape: str


@dataclass(frozen=True)
class Cues:
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelationType:
    name: str
    description: str
    symmetric: bool
    polarity: str
    cameo: tuple[str, ...]
    plover: str | None
    goldstein: float
    color: str
    cues: Cues
    properties: tuple[str, ...] = ()
    static: bool = False


@dataclass(frozen=True)
class Schema:
    version: int
    actor_kinds: dict[str, ActorKind]
    relations: dict[str, RelationType]
    path: str | None = field(default=None, compare=False)

    def relation(self, name: str) -> RelationType:
        """Return the relation type `name` (case-insensitive); raise UnknownRelation."""
        try:
            return self.relations[name.upper()]
        except KeyError:
            raise UnknownRelation(name, sorted(self.relations)) from None

    @property
    def event_types(self) -> list[str]:
        """Names of the relation types that are events (not static links)."""
        return [n for n, r in self.relations.items() if not r.static]

    @property
    def symmetric_types(self) -> frozenset[str]:
        return frozenset(n for n, r in self.relations.items() if r.symmetric)


_KIND_KEYS = {"label": True, "description": True, "color": True, "shape": True}
_REL_KEYS = {
    "description": True, "symmetric": True, "polarity": True, "cameo": True, "plover": True,
    "goldstein": True, "color": True, "cues": True, "properties": False, "static": False,
}
_CUE_KEYS = ("verbs", "nouns", "phrases")


def _check_keys(obj: Any, spec: dict[str, bool], where: str) -> None:
    if not isinstance(obj, dict):
        raise SchemaError(f"{where}: expected a mapping, got {type(obj).__name__}")
    for key in obj:
        if key not in spec:
            raise SchemaError(f"{where}.{key}: unknown key (allowed: {', '.join(spec)})")
    for key, required in spec.items():
        if required and key not in obj:
            raise SchemaError(f"{where}.{key}: missing")


def _color(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _COLOR.match(value):
        raise SchemaError(f"{where}: bad colour {value!r} (expected #RRGGBB)")
    return value


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SchemaError(f"{where}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def parse_schema(data: Any, path: str | None = None) -> Schema:
    """Validate an already-parsed schema document and return a :class:`Schema`."""
    _check_keys(data, {"version": True, "actor_kinds": True, "relations": True}, "schema")
    kinds: dict[str, ActorKind] = {}
    if not isinstance(data["actor_kinds"], dict) or not data["actor_kinds"]:
        raise SchemaError("schema.actor_kinds: expected a non-empty mapping")
    for name, spec in data["actor_kinds"].items():
        where = f"actor_kinds.{name}"
        _check_keys(spec, _KIND_KEYS, where)
        kinds[name] = ActorKind(name, str(spec["label"]), str(spec["description"]),
                                _color(spec["color"], f"{where}.color"), str(spec["shape"]))
    relations: dict[str, RelationType] = {}
    if not isinstance(data["relations"], dict) or not data["relations"]:
        raise SchemaError("schema.relations: expected a non-empty mapping")
    for name, spec in data["relations"].items():
        where = f"relations.{name}"
        if not isinstance(name, str) or not _TYPE_NAME.match(name):
            raise SchemaError(f"{where}: relation names are UPPER_SNAKE_CASE")
        _check_keys(spec, _REL_KEYS, where)
        if spec["polarity"] not in POLARITIES:
            raise SchemaError(f"{where}.polarity: {spec['polarity']!r} is not one of {', '.join(POLARITIES)}")
        if not isinstance(spec["symmetric"], bool):
            raise SchemaError(f"{where}.symmetric: expected true or false")
        try:
            goldstein = float(spec["goldstein"])
        except (TypeError, ValueError):
            raise SchemaError(f"{where}.goldstein: expected a number") from None
        if not -10.0 <= goldstein <= 10.0:
            raise SchemaError(f"{where}.goldstein: {goldstein} is outside -10..10")
        cameo = _str_list([str(c) for c in spec["cameo"] or []], f"{where}.cameo")
        if not all(c.isdigit() for c in cameo):
            raise SchemaError(f"{where}.cameo: CAMEO codes are digit strings")
        cues = spec["cues"]
        _check_keys(cues, dict.fromkeys(_CUE_KEYS, False), f"{where}.cues")
        relations[name] = RelationType(
            name=name,
            description=str(spec["description"]),
            symmetric=spec["symmetric"],
            polarity=spec["polarity"],
            cameo=cameo,
            plover=spec["plover"],
            goldstein=goldstein,
            color=_color(spec["color"], f"{where}.color"),
            cues=Cues(*(tuple(c.lower() for c in _str_list(cues.get(k), f"{where}.cues.{k}")) for k in _CUE_KEYS)),
            properties=_str_list(spec.get("properties"), f"{where}.properties"),
            static=bool(spec.get("static", False)),
        )
    return Schema(int(data["version"]), kinds, relations, path)


@lru_cache(maxsize=8)
def _load(path: str) -> Schema:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise SchemaError(f"{path}: cannot read schema ({e.strerror})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        problem, line = yaml_problem(e)
        raise SchemaError(f"{path}{f':{line}' if line else ''}: malformed YAML ({problem})") from None
    try:
        return parse_schema(data, path)
    except SchemaError as e:
        raise SchemaError(f"{path}: {e}") from None


def load_schema(path: str | os.PathLike | None = None) -> Schema:
    """Load and validate a schema file (default: ``$KG_SCHEMA`` or the bundled ``schema.yaml``).

    Raises
    ------
    SchemaError
        naming the file and the key path of the first problem, e.g.
        ``schema.yaml: relations.MET.color: bad colour 'blue' (expected #RRGGBB)``.
    """
    chosen = path or os.environ.get("KG_SCHEMA") or DEFAULT_SCHEMA
    return _load(str(Path(chosen).resolve()))
