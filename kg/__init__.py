"""diplomatic-kg: news about international relations → a dated, explainable knowledge graph."""

from .errors import KgError, LoaderError, SchemaError, StoreError, UnknownActor, UnknownRelation
from .model import Actor, Article, Event, Provenance

__all__ = ["Actor", "Article", "Event", "Provenance", "KgError", "LoaderError", "SchemaError", "StoreError",
           "UnknownActor", "UnknownRelation"]
__version__ = "0.1.0"
