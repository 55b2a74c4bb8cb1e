"""An on-disk cache of parsed rule-pack documents, so that a command does not re-parse YAML it has seen.

Parsing YAML is most of the cost of loading packs. A parsed document (plain data and positions) is stored with
:mod:`marshal`, keyed by the SHA-256 of the file's bytes and this cache's format: an edited file has a new key,
so the cache can never serve stale content. Only plain data is stored and the loaded value is checked to be
exactly that shape; nothing from the cache is ever executed. Any problem with the cache (unwritable, corrupt)
falls back silently to parsing. ``EXPOSURE_NO_CACHE=1`` disables it; ``EXPOSURE_CACHE_DIR`` moves it (default:
``$XDG_CACHE_HOME/exposure`` or ``~/.cache/exposure``).
"""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path

from . import __version__
from .yaml_source import Document, decode, load

FORMAT = f"exposure-doc-2-{__version__}"


def cache_dir() -> Path | None:
    if os.environ.get("EXPOSURE_NO_CACHE"):
        return None
    if os.environ.get("EXPOSURE_CACHE_DIR"):
        return Path(os.environ["EXPOSURE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "exposure"


def _decimal_paths(value, path=(), out=None) -> list:
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
        isinstance(blob, tuple) and len(blob) == 7 and blob[0] == FORMAT and isinstance(blob[1], (dict, list))
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


def _write(entry: Path, blob) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(blob))
        os.replace(tmp, entry)
    except (OSError, ValueError):
        pass


def read_bytes(path: Path, display: str) -> tuple[bytes, str]:
    from .problems import InputError, Problem

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(display, 0, 0, f"cannot read file: {exc.strerror or exc}", "E001")]) from None
    return raw, hashlib.sha256(raw).hexdigest()


def load_document(path: Path, display: str, raw: bytes | None = None, sha: str | None = None) -> tuple[Document, str]:
    """The parsed document for ``path`` and the SHA-256 of its bytes; from the cache when possible."""
    if raw is None or sha is None:
        raw, sha = read_bytes(path, display)
    folder = cache_dir()
    entry = folder / f"{sha}.doc" if folder else None
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
        _write(entry, (FORMAT, plain, _decimal_paths(doc.data), doc.marks, doc.key_marks, sorted(doc.quoted, key=repr),
                       doc.styles))
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
        self.path = folder / f"places-{FORMAT}.idx" if folder else None
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
            _write(self.path, self.entries)
