"""Where rule packs come from: the packs shipped in the wheel, then any ``--rules DIR`` folders.

A pack file is ``<code>.yaml``; ``vocabulary.yaml`` and pack test files (``<code>.tests.yaml``) are not packs.
A pack in a ``--rules`` folder replaces the shipped pack with the same code; a ``vocabulary.yaml`` there
replaces the shipped vocabulary.
"""

from __future__ import annotations

import contextlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Pack, Vocabulary
from ..model.places import triggers
from ..model.problems import InputError, Problem
from ..model.rates import RateTable
from ..model.records import replace
from ..model.rules import RuleSet

VOCABULARY_FILE = "vocabulary.yaml"
RATES_FILE = "rates.yaml"
PLACE_INDEX_FILE = "places.json"  # beside the shipped packs: SHA-256 and places of each (scripts/update_place_index.py)


def shipped_rules_dir() -> Path:
    """The packs inside the installed package, or the source checkout's ``rules/`` for an editable install."""
    package = Path(__file__).resolve().parents[1]  # src/exposure (or site-packages/exposure)
    packaged = package / "rules"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "rules"


def pack_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.glob("*.yaml")
        if p.name not in (VOCABULARY_FILE, RATES_FILE) and not p.name.endswith(".tests.yaml")
    )


def _applies_in(data: object) -> set[str]:
    """The places a pack document says it applies in, read from its data before building the model."""
    from ..model.places import normalise_place

    if not isinstance(data, dict):
        return set()
    raw = data.get("applies_in") or []
    out = set()
    for code in [data.get("pack"), *(raw if isinstance(raw, list) else [])]:  # the pack's own code brings it in
        with contextlib.suppress(ValueError):
            out.add(normalise_place(str(code)))
    return out


def places_of(data: Any) -> frozenset[str] | None:
    """An incident's places, read from its raw data to decide which packs to load; None if they cannot be read
    (reading the incident then reports why)."""
    from ..model.places import normalise_place

    try:
        return frozenset(normalise_place(str(p)) for p in data["places"])
    except (KeyError, TypeError, ValueError):
        return None


def load_rules(extra_dirs: tuple[Path, ...] = (), *, include_shipped: bool = True, places=None) -> RuleSet:
    """Load the vocabulary and the packs (only those that apply in ``places``, when given); raise InputError
    listing the problems of every bad file. Packs built before are read from the cache (:mod:`exposure.load.cache`);
    a pack is parsed and built only when its file, the vocabulary or the code has changed."""
    return _load_rules(extra_dirs, include_shipped, places)


def _load_rules(extra_dirs: tuple[Path, ...], include_shipped: bool, places) -> RuleSet:
    from .cache import PlaceIndex

    folders = ([shipped_rules_dir()] if include_shipped else []) + [Path(d) for d in extra_dirs]
    problems: list[Problem] = []
    for folder in folders:
        if not folder.is_dir():
            problems.append(Problem(str(folder), 0, 0, "rules folder not found", "E001"))
    if problems:
        raise InputError(problems)
    vocab_path = next((f / VOCABULARY_FILE for f in reversed(folders) if (f / VOCABULARY_FILE).is_file()), None)
    if vocab_path is None:
        raise InputError(
            [Problem(str(folders[-1] if folders else "rules"), 0, 0, f"no {VOCABULARY_FILE} found", "E001")]
        )
    vocabulary, vocab_sha = _vocabulary(vocab_path)
    packs: dict[str, Pack] = {}
    files: dict[str, Path] = {}
    replaced: dict[str, Path] = {}  # file name -> the earlier folder's file it replaces (said in every output)
    for folder in folders:
        for path in pack_files(folder):
            if path.stem in files:
                replaced[path.stem] = files[path.stem]
            files[path.stem] = path  # a later folder replaces the same file name
    wanted = set().union(*(triggers(p) for p in places)) if places is not None else None
    index = PlaceIndex()
    if include_shipped:
        index.seed(shipped_places(folders[0]))
    for stem, path in files.items():
        try:
            pack = _pack(path, vocabulary, vocab_sha, wanted, index)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if pack is None:
            continue
        if pack.code in packs:  # two files for one jurisdiction: which one is meant cannot be guessed
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    f"pack code '{pack.code}' is already declared by {packs[pack.code].file}: one file per "
                    "jurisdiction (to replace a shipped pack, give the file the same name in a --rules folder)",
                    "E104",
                )
            )
            continue
        if stem in replaced:
            pack = replace(pack, replaces=display_path(replaced[stem]))
        packs[pack.code] = pack
    index.save()
    rates_path = next((f / RATES_FILE for f in reversed(folders) if (f / RATES_FILE).is_file()), None)
    rates = None
    if rates_path is not None:
        try:
            rates = _rates(rates_path)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return RuleSet(vocabulary, dict(sorted(packs.items())), rates)


def _vocabulary(path: Path) -> tuple[Vocabulary, str]:
    """The vocabulary (built before, or read now) and the SHA-256 of its file."""
    from .cache import load_built, load_document, read_bytes, store_built
    from .vocabulary import read_vocabulary

    display = display_path(path)
    raw, sha = read_bytes(path, display)
    vocabulary = load_built("vocabulary", (sha, display), Vocabulary)
    if vocabulary is None:
        vocabulary = read_vocabulary(load_document(path, display, raw, sha)[0])
        store_built("vocabulary", (sha, display), vocabulary)
    return vocabulary, sha


def _rates(path: Path) -> RateTable:
    """The reference-rate table (built before, or read now): a turnover in another currency than a pack's is
    converted with it."""
    from .cache import load_built, read_bytes, store_built
    from .rates import load_rates

    display = display_path(path)
    _, sha = read_bytes(path, display)
    table: RateTable | None = load_built("rates", (sha, display), RateTable)
    if table is None:
        table = load_rates(path, display)
        store_built("rates", (sha, display), table)
    return table


def _pack(path: Path, vocabulary: Vocabulary, vocab_sha: str, wanted: set | None, index) -> Pack | None:
    """The pack in ``path``, or None when it does not apply in the ``wanted`` places (known from the place index
    without parsing the file, when it was seen before)."""
    from .cache import load_built, load_document, read_bytes, store_built

    display = display_path(path)
    raw, sha = read_bytes(path, display)
    known = index.get(sha)
    if wanted is not None and known is not None and not (set(known) & wanted):
        return None  # this pack does not apply to the incident: not even parsed
    key = (sha, vocab_sha, display)
    pack: Pack | None = load_built("pack", key, Pack)
    if pack is not None and pack.sha256 == sha:
        places: frozenset[str] | set[str] = pack.applies_in | {pack.code}
    else:
        doc, sha = load_document(path, display, raw, sha)
        places, pack = _applies_in(doc.data), None
    if known is None:
        index.put(sha, places)
    if wanted is not None and not (places & wanted):
        return None
    if pack is None:
        from .packs import read_pack

        built: Pack = read_pack(doc, vocabulary, sha)
        store_built("pack", key, built)
        return built
    return pack


def place_index(folder: Path) -> str:
    """The place index of the packs in ``folder`` as JSON text: each file's SHA-256 and the places it applies in
    (what :func:`shipped_places` reads back). Written beside the shipped packs, so that the first run after an
    install parses only the packs an incident needs, not every pack to learn where each applies."""
    import json

    from .cache import load_document, read_bytes

    packs = {}
    for path in pack_files(folder):
        display = display_path(path)
        raw, sha = read_bytes(path, display)
        doc, _ = load_document(path, display, raw, sha)
        packs[path.name] = {"sha256": sha, "places": sorted(_applies_in(doc.data))}
    return json.dumps({"packs": packs}, indent=2, ensure_ascii=False) + "\n"


def shipped_places(folder: Path) -> dict[str, list[str]]:
    """SHA-256 of a pack file → its places, from the index beside the shipped packs. Only a file whose bytes have
    exactly that hash is taken at its word; an edited pack, or a missing or unreadable index, is parsed as usual."""
    import json

    try:
        data = json.loads((folder / PLACE_INDEX_FILE).read_text(encoding="utf-8"))
        entries = {
            entry["sha256"]: list(entry["places"])
            for entry in data["packs"].values()
            if entry["sha256"].__class__ is str and all(place.__class__ is str for place in entry["places"])
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    return entries


def display_path(path: Path) -> str:
    """A path as the user would write it: relative to the working directory when it is inside it."""
    try:
        return str(path.resolve().relative_to(_resolved(os.getcwd())))
    except (ValueError, OSError, RuntimeError):  # outside the working directory, or a symlink loop (reported later)
        return str(path)


@lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()
