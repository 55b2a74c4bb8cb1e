"""Where rule packs come from: the packs shipped in the wheel, then any ``--rules DIR`` folders.

A pack file is ``<code>.yaml``; ``vocabulary.yaml`` and pack test files (``<code>.tests.yaml``) are not packs.
A pack in a ``--rules`` folder replaces the shipped pack with the same code; a ``vocabulary.yaml`` there
replaces the shipped vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Pack, Vocabulary
from .packs import load_pack
from .problems import InputError, Problem
from .vocabulary import load_vocabulary

VOCABULARY_FILE = "vocabulary.yaml"


def shipped_rules_dir() -> Path:
    """The packs inside the installed package, or the source checkout's ``rules/`` for an editable install."""
    packaged = Path(__file__).resolve().parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def pack_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.glob("*.yaml") if p.name != VOCABULARY_FILE and not p.name.endswith(".tests.yaml")
    )


@dataclass(frozen=True)
class RuleSet:
    vocabulary: Vocabulary
    packs: dict[str, Pack]  # by code, in a stable order


def load_rules(extra_dirs: tuple[Path, ...] = (), *, include_shipped: bool = True) -> RuleSet:
    """Load the vocabulary and every pack; raise InputError listing the problems of every bad file."""
    folders = ([shipped_rules_dir()] if include_shipped else []) + [Path(d) for d in extra_dirs]
    problems: list[Problem] = []
    for folder in folders:
        if not folder.is_dir():
            problems.append(Problem(str(folder), 0, 0, "rules folder not found", "E001"))
    if problems:
        raise InputError(problems)
    vocab_path = next((f / VOCABULARY_FILE for f in reversed(folders) if (f / VOCABULARY_FILE).is_file()), None)
    if vocab_path is None:
        raise InputError([Problem(str(folders[-1] if folders else "rules"), 0, 0, f"no {VOCABULARY_FILE} found", "E001")])
    vocabulary = load_vocabulary(vocab_path, display_path(vocab_path))
    packs: dict[str, Pack] = {}
    for folder in folders:
        for path in pack_files(folder):
            try:
                pack = load_pack(path, vocabulary, display_path(path))
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            packs[pack.code] = pack
    if problems:
        raise InputError(problems)
    return RuleSet(vocabulary, dict(sorted(packs.items())))


def display_path(path: Path) -> str:
    """A path as the user would write it: relative to the working directory when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
