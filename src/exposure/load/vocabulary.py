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
                optional = ("synonyms",) if kind == "act" else ("age_below", "implies") if kind == "fact" else ()
                item = r.mapping(path_, required=("about", "type", "meaning"), optional=optional)
                if item is BAD:
                    continue
                synonyms = _names(r, path_ + ("synonyms",)) if "synonyms" in item else ()
                implies = _names(r, path_ + ("implies",)) if "implies" in item else ()
                age = r.number(path_ + ("age_below",), maximum=130) if "age_below" in item else None
                about = r.choice(path_ + ("about",), ("incident", "party")) if "about" in item else BAD
                types = ("money",) if kind == "quantity" else ("boolean",)
                typ = r.choice(path_ + ("type",), types) if "type" in item else BAD
                meaning = r.text(path_ + ("meaning",)) if "meaning" in item else BAD
                if about is not BAD and typ is not BAD and meaning is not BAD and age is not BAD:
                    entries[name] = VocabularyEntry(
                        name,
                        kind,
                        about,
                        typ,
                        meaning,
                        synonyms,
                        implies=implies,
                        age_below=int(age) if age is not None else None,
                    )
    _references_declared(r, entries)
    r.raise_if_problems()
    return Vocabulary(entries)


def _names(r: Reader, path: tuple) -> tuple[str, ...]:
    items = r.sequence(path)
    if items is BAD:
        return ()
    return tuple(str(item) for i, item in enumerate(items) if r.ident(path + (i,)) is not BAD)


def _references_declared(r: Reader, entries: dict[str, VocabularyEntry]) -> None:
    """Implied facts are declared facts; a synonym is not also a declared name, nor the synonym of two."""
    seen: dict[str, str] = {}
    for name, entry in entries.items():
        kind = {"fact": "facts", "act": "acts"}.get(entry.kind, "")
        if entry.implies and entry.about == "party":
            # contradictions and the worst case's consistent worlds are worked out over the incident's facts only:
            # a link between a party's facts would be honoured by neither, so it is refused rather than ignored
            r.fail(
                (kind, name, "implies"),
                f"{kind}.{name}.implies: only facts about the incident can imply others (write it in the meaning)",
            )
            continue
        for i, other in enumerate(entry.implies):
            if entries.get(other) is None or entries[other].kind != "fact" or entries[other].about != entry.about:
                r.fail(
                    (kind, name, "implies", i),
                    f"{kind}.{name}.implies: '{other}' is not a fact about the {entry.about}",
                )
        for i, word in enumerate(entry.synonyms):
            if word in entries or word in seen:
                also = f"'{seen[word]}'" if word in seen else "a declared name"
                r.fail((kind, name, "synonyms", i), f"{kind}.{name}.synonyms: '{word}' is already {also}")
            seen[word] = name
