"""On-disk caches, so that a command does not redo work it has done before: parsed YAML documents and built
rule packs.

* **Parsed documents** (plain data and positions) are stored with :mod:`marshal`, keyed by the SHA-256 of the
  file's bytes. The loaded value is checked to be exactly the shape we write.
* **Built packs and the vocabulary** (the typed model, conditions as syntax trees) are stored with
  :mod:`pickle`, keyed by the SHA-256 of the file's bytes, of the vocabulary the pack was checked against and of
  the name it is reported under. They are read back by an unpickler that can build only the model's own
  immutable types, ``Decimal``, ``date``, ``Fraction`` and ``frozenset``: it refuses every other global, so a
  tampered cache entry cannot run code (the "restricting globals" recipe of the :mod:`pickle` documentation).
  Conditions are stored as their syntax trees and compiled again on first use (:meth:`Condition.__setstate__`).

Every entry's name starts with a fingerprint of the code (the version, and the size and modification time of each
of the package's modules), so an entry written by other code is never served (and is removed on the next write),
and an edited file has a new key, so an entry is never stale. Any problem with the cache (unwritable, corrupt,
foreign) falls back silently to parsing
and building. ``EXPOSURE_NO_CACHE=1`` disables it; ``EXPOSURE_CACHE_DIR`` moves it (default:
the platform's user cache folder, from platformdirs: ``$XDG_CACHE_HOME/exposure`` or ``~/.cache/exposure`` on
Linux, ``~/Library/Caches/exposure`` on macOS, ``%LOCALAPPDATA%\\exposure\\Cache`` on Windows).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from functools import cache
from pathlib import Path

from .. import __version__
from .yaml_source import Document, decode, load

try:  # the built-in SHA-256: hashlib's OpenSSL binding costs milliseconds of start-up to import
    from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - Pythons without it (3.12 renamed it)
    from hashlib import sha256 as _sha256


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data``, in hexadecimal."""
    return str(_sha256(data).hexdigest())


@cache
def code_fingerprint() -> str:
    """The fingerprint of this installation's code (computed once per process)."""
    return fingerprint_of(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def fingerprint_of(package: str) -> str:
    """The version and, for each module in ``package``, its name, size and modification time (what Python's own
    bytecode cache checks): a cache entry written by other code is never served."""
    parts = [__version__]
    for path in sorted(Path(package).rglob("*.py")):
        info = path.stat()
        parts.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return sha256_hex("\n".join(parts).encode())[:16]


def doc_format() -> str:
    return f"exposure-doc-3-{code_fingerprint()}"


def cache_dir() -> Path | None:
    if os.environ.get("EXPOSURE_NO_CACHE"):
        return None
    if os.environ.get("EXPOSURE_CACHE_DIR"):
        return Path(os.environ["EXPOSURE_CACHE_DIR"])
    if sys.platform.startswith("linux"):  # the XDG rule platformdirs applies, without its import (start-up)
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "exposure"
    from platformdirs import user_cache_path  # the platform's own place: Library/Caches on macOS, LOCALAPPDATA...

    return user_cache_path("exposure", appauthor=False)


def _decimal_paths(value: object, path: tuple = (), out: list | None = None) -> list:
    """Where the document holds Decimals (marshal cannot store them): a short list, restored on load."""
    from decimal import Decimal

    out = [] if out is None else out
    if isinstance(value, Decimal):
        out.append((path, str(value)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _decimal_paths(item, path + (i,), out)
    elif isinstance(value, dict):
        for key, item in value.items():
            _decimal_paths(item, path + (key,), out)
    return out


def _valid(blob: object) -> bool:
    """The cache entry has exactly the shape we write. Its values are only ever read as data by the loaders,
    which check every type again (a value of a foreign type is a located error, never executed)."""
    return (
        isinstance(blob, tuple)
        and len(blob) == 7
        and blob[0] == doc_format()
        and isinstance(blob[1], (dict, list))
        and all(isinstance(blob[i], (dict, list)) for i in (2, 3, 4, 5, 6))
    )


def _restore(data, decimals: list):
    from decimal import Decimal

    for path, text in decimals:
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = Decimal(text)
    return data


def _write(entry: Path, data: bytes) -> None:
    """Write atomically (a reader never sees half an entry); a cache that cannot be written is no error. The first
    write of a process also removes the entries of other code (see :func:`_prune`)."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, entry)
    except (OSError, ValueError):
        return
    _prune(entry.parent)


_SUFFIXES = (".doc", ".pack", ".vocabulary", ".rates", ".idx")
_PRUNED: set = set()


def _prune(folder: Path) -> None:
    """Remove the cache entries written by other code (their names do not start with this code's fingerprint):
    they can never be served again, and without this an edited checkout would leave one set per edit. Runs once
    per process and folder, and only when something is written, i.e. on a cache miss. Two installations sharing one
    folder remove each other's entries: slower, never wrong."""
    if folder in _PRUNED:
        return
    _PRUNED.add(folder)
    prefix = code_fingerprint() + "-"
    try:
        with os.scandir(folder) as entries:
            stale = [e.path for e in entries if e.name.endswith(_SUFFIXES) and not e.name.startswith(prefix)]
    except OSError:
        return
    for path in stale:
        with contextlib.suppress(OSError):
            os.unlink(path)


def read_bytes(path: Path, display: str) -> tuple[bytes, str]:
    from ..model.problems import InputError, Problem

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(display, 0, 0, f"cannot read file: {exc.strerror or exc}", "E001")]) from None
    return raw, sha256_hex(raw)


def load_document(path: Path, display: str, raw: bytes | None = None, sha: str | None = None) -> tuple[Document, str]:
    """The parsed document for ``path`` and the SHA-256 of its bytes; from the cache when possible."""
    if raw is None or sha is None:
        raw, sha = read_bytes(path, display)
    folder = cache_dir()
    entry = folder / f"{code_fingerprint()}-{sha}.doc" if folder else None
    if entry is not None:
        try:
            blob = marshal.loads(entry.read_bytes())
            if _valid(blob):
                _, data, decimals, marks, key_marks, quoted, styles = blob
                doc = Document(display, _restore(data, decimals), marks, key_marks, set(map(tuple, quoted)), styles)
                doc.text = _lazy_text(raw)
                return doc, sha
        except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError):
            pass
    doc = load(decode(raw, display), display)
    if entry is not None:
        plain = marshal.loads(marshal.dumps(_strip_decimals(doc.data)))
        _write(
            entry,
            marshal.dumps(
                (
                    doc_format(),
                    plain,
                    _decimal_paths(doc.data),
                    doc.marks,
                    doc.key_marks,
                    sorted(doc.quoted, key=repr),
                    doc.styles,
                )
            ),
        )
    return doc, sha


def _lazy_text(raw: bytes) -> str:
    """The source text, for exact positions inside a scalar when a problem is reported."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return ""


def _strip_decimals(value):
    from decimal import Decimal

    if isinstance(value, Decimal):
        return None
    if isinstance(value, list):
        return [_strip_decimals(v) for v in value]
    if isinstance(value, dict):
        return {k: _strip_decimals(v) for k, v in value.items()}
    return value


class PlaceIndex:
    """sha256 of a pack file → the places it applies in, so that packs an incident does not need are never
    even parsed. Stored beside the documents; entries for old file versions are harmless."""

    def __init__(self) -> None:
        folder = cache_dir()
        self.path = folder / f"{code_fingerprint()}-places.idx" if folder else None
        self.entries: dict[str, list[str]] = {}
        self.dirty = False
        if self.path is not None:
            try:
                loaded = marshal.loads(self.path.read_bytes())
                if isinstance(loaded, dict):
                    self.entries = loaded
            except (OSError, ValueError, EOFError, TypeError):
                pass

    def get(self, sha: str) -> list[str] | None:
        value = self.entries.get(sha)
        return value if isinstance(value, list) else None

    def put(self, sha: str, places) -> None:
        self.entries[sha] = sorted(places)
        self.dirty = True

    def save(self) -> None:
        if self.path is not None and self.dirty:
            _write(self.path, marshal.dumps(self.entries))


# ------------------------------------------------------------------------------------------------- built model
_MODEL_MODULES = frozenset(
    {
        "exposure.model.law",
        "exposure.model.incident",
        "exposure.model.vocabulary",
        "exposure.model.conditions",
        "exposure.model.money",
        "exposure.model.durations",
    }
)
_MODEL_VALUES = frozenset(
    {
        ("decimal", "Decimal"),
        ("datetime", "date"),
        ("fractions", "Fraction"),
        ("builtins", "frozenset"),
        ("builtins", "set"),
    }
)


@cache
def _model_unpickler():
    """The restricted unpickler class (made once per process)."""
    import importlib
    import pickle

    from ..model.records import is_record

    allowed: dict[tuple[str, str], type] = {}

    class ModelUnpickler(pickle.Unpickler):
        """Builds only the model's records and a few value types; any other global is refused."""

        def find_class(self, module: str, name: str):
            found = allowed.get((module, name))
            if found is not None:
                return found
            if module in _MODEL_MODULES or (module, name) in _MODEL_VALUES:
                found = getattr(importlib.import_module(module), name, None)
                if (
                    isinstance(found, type)
                    and found.__module__ == module
                    and ((module, name) in _MODEL_VALUES or is_record(found))
                ):
                    allowed[module, name] = found
                    return found
            raise pickle.UnpicklingError(f"{module}.{name} is not part of the model")

    return ModelUnpickler


def _built_entry(kind: str, parts: tuple[str, ...]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = sha256_hex("\0".join((code_fingerprint(), kind, *parts)).encode())
    return folder / f"{code_fingerprint()}-{key}.{kind}"


def load_built(kind: str, parts: tuple[str, ...], expected: type):
    """The model object stored under (``kind``, ``parts``), or None: absent, corrupt, foreign or not an
    ``expected``."""
    entry = _built_entry(kind, parts)
    if entry is None:
        return None
    try:
        import io

        with open(entry, "rb") as handle:
            value = _model_unpickler()(io.BytesIO(handle.read())).load()
    except Exception:  # noqa: BLE001 - any unreadable entry means: build it again
        return None
    return value if isinstance(value, expected) else None


def store_built(kind: str, parts: tuple[str, ...], value: object) -> None:
    entry = _built_entry(kind, parts)
    if entry is None:
        return
    import pickle

    try:
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    _write(entry, blob)
