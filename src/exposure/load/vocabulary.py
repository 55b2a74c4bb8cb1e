"""The vocabulary (``rules/vocabulary.yaml``): every fact, act and quantity, declared once with its meaning."""

from __future__ import annotations

from pathlib import Path

from ..model import Vocabulary, VocabularyEntry
from .reading import BAD, Reader
from .yaml_source import Document

_SECTIONS = {"facts": "fact", "acts": "act", "quantities": "quantity"}


def load_vocabulary(path: Path | str, display: str | None = None) -> Vocabulary:
    from .cache import load_document

    doc, _ = load_document(Path(path), display or str(path))
    return read_vocabulary(doc)


def read_vocabulary(doc: Document) -> Vocabulary:
    """Build the vocabulary from a loaded document; raises InputError listing every problem."""
    r = Reader(doc)
    top = r.mapping((), required=("schema", "facts", "acts"), optional=("quantities",))
    entries: dict[str, VocabularyEntry] = {}
    if top is not BAD:
        for section, kind in _SECTIONS.items():
            if section not in top or r.mapping((section,), any_keys=True) is BAD:
                continue
            for name in top[section]:
                path_ = (section, name)
                if name in entries:
                    r.fail(path_, f"'{name}' is declared twice (also a {entries[name].kind})", "E104", key=True)
                    continue
                item = r.mapping(path_, required=("about", "type", "meaning"))
                if item is BAD:
                    continue
                about = r.choice(path_ + ("about",), ("incident", "party")) if "about" in item else BAD
                types = ("money",) if kind == "quantity" else ("boolean",)
                typ = r.choice(path_ + ("type",), types) if "type" in item else BAD
                meaning = r.text(path_ + ("meaning",)) if "meaning" in item else BAD
                if BAD not in (about, typ, meaning):
                    entries[name] = VocabularyEntry(name, kind, about, typ, meaning)
    r.raise_if_problems()
    return Vocabulary(entries)
