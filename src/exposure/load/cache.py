"""On-disk caches, so that a command does not redo work it has done before: parsed YAML documents, built rule
packs, the vocabulary, the rates table and the index of the places each pack applies in.

**Where.** In a folder of its own, ``exposure-cache-v1``, inside the user's cache folder (from platformdirs:
``$XDG_CACHE_HOME/exposure`` or ``~/.cache/exposure`` on Linux, ``~/Library/Caches/exposure`` on macOS,
``%LOCALAPPDATA%\\exposure\\Cache`` on Windows) or inside ``EXPOSURE_CACHE_DIR``. A relative ``XDG_CACHE_HOME``,
``XDG_CONFIG_HOME``, ``EXPOSURE_CACHE_DIR`` or ``EXPOSURE_CONFIG_DIR`` is ignored, as the XDG specification says
(never the working directory). ``EXPOSURE_NO_CACHE=1`` turns the cache off. The folder is created readable by the
user only (0700; a folder that is a link, or someone else's, is not used), every entry too (0600), and entries are
written atomically (a temporary file in the same folder, then :func:`os.replace`): a reader never sees half an
entry. Entries are read only as regular files, never through a link, and of bounded size.

**What an entry is.** An entry is named ``<code fingerprint>-<key>.<kind>`` (kinds ``doc``, ``pack``,
``vocabulary``, ``rates``, ``idx``) and holds a magic word, an HMAC-SHA256 and a JSON payload. The MAC covers the
format version, the code fingerprint, the kind, the key parts (the SHA-256 of the source file, of the vocabulary,
the name a pack is reported under) and the payload, under a per-user secret key of 32 random bytes kept *outside*
the cache folder (``cache.key`` in the user's config folder, ``platformdirs.user_config_dir("exposure")``, or in
``EXPOSURE_CONFIG_DIR``), created 0600 with ``O_CREAT | O_EXCL``. A key that cannot be read or created, or that
others could read, turns the cache off. The code fingerprint is the SHA-256 of the version and of every module's
name and bytes, so an entry written by other code is never served, even after an edit that keeps a module's size
and modification time.

**Payloads.** Plain JSON, read by the standard library's C decoder; no :mod:`pickle`, no :mod:`marshal`, no code.
A document is its data (Decimals listed apart, with their paths) and its positions (a table of paths, then
columns), read back with no per-object hook. A model (pack, vocabulary, rates table) is a header line naming each
record class it uses with that class's fields, then the value, read by a typed decoder: the class must be in the
allow-list (every record class of the model's ``law``, ``durations``, ``money`` and ``vocabulary`` modules, the
condition nodes and the rates table; nothing of incidents or results), the fields must be exactly the class's own,
and the record is rebuilt by calling the class's constructor (so ``__post_init__`` checks run), each value going to
the parameter of its field's name; never by setting the ``__dict__`` of anything, never by importing or looking up
a module or class named in the data. ``Decimal``, ``date``, ``Fraction``, tuples, frozensets and mappings have
tagged encodings; a record shared by several others (a source cited by many figures) is stored once and referred
to, so that the rebuilt model has the sharing of a freshly built one. Conditions are stored as their text, syntax
tree and names, never as compiled code, and built through :class:`Condition`'s constructor with a function that
compiles the tree on first use: a cached pack evaluates exactly like a freshly built one.

**Trust model.** Someone who can write the cache folder can make exposure rebuild what it would have read (delete,
corrupt, truncate, swap or replay entries); they cannot change a result (any entry whose MAC, JSON, shape, classes,
fields, constructor arguments, type or source hash does not check is ignored and rebuilt, silently: never an error,
never a traceback), cannot make exposure run code (no unpickling; only constructors of the model's own records),
and cannot make it delete a file it did not write: the cache removes only the entries of other versions of the
code, only names listed in its own authenticated manifest (``manifest``, in its folder) and matching its own naming
pattern, only inside its own folder; files beside them (``thesis.doc``) and in the folder above are never touched.
Someone who can read the key or write the installed code is outside this model (with the key, entries could be
forged: still only the model's records, never code, and deletions still only of the cache's own names in its own
folder). A cache that cannot be written (read-only, full disk: any OSError) is no error either: the command works
as without it. Deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from .yaml_source import Document, decode, load

try:  # the built-in SHA-256: hashlib's OpenSSL binding costs milliseconds of start-up to import
    from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - Pythons without it (3.12 renamed it)
    from hashlib import sha256 as _sha256

FORMAT = "exposure-cache-1"  # the payload and MAC format: a new one gets a new folder
FOLDER = "exposure-cache-v1"  # the cache's own folder, inside the user's cache folder (or EXPOSURE_CACHE_DIR)
KEY_FILE = "cache.key"  # the secret key, in the user's config folder (never in the cache folder)
MANIFEST = "manifest"  # the names this cache wrote: the only files it may ever delete
KINDS = ("doc", "pack", "vocabulary", "rates", "idx")
_MAGIC = b"XPC1"
_MAC_SIZE = 32
_MAX_ENTRY = 64 * 1024 * 1024  # an entry larger than this was not written by us
_O_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_O_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_POSIX = hasattr(os, "getuid")


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data``, in hexadecimal: OpenSSL's (faster on large files) once something has imported it (the
    cache's MAC does), else the built-in one."""
    openssl = sys.modules.get("_hashlib")
    digest = getattr(openssl, "openssl_sha256", None) or _sha256
    return str(digest(data).hexdigest())


# ------------------------------------------------------------------------------------------------- fingerprint
BUILDERS = ("load", "model")  # the subpackages whose code makes what the cache holds (documents and built models)


@cache
def code_fingerprint() -> str:
    """The fingerprint of the code that builds what the cache holds (computed once per process).

    Only ``load/`` (the YAML reader, the pack and vocabulary readers, this cache) and ``model/`` (the records that
    are built) make an entry: data flows one way, so nothing in ``engine/``, ``render/`` or ``check/`` can change
    one, and an edit there keeps the cache (a test refuses any import from ``load/`` or ``model/`` up the chain)."""
    return fingerprint_of(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), BUILDERS)


def fingerprint_of(package: str, parts: tuple[str, ...] | None = None) -> str:
    """The SHA-256 of the version and of each module of ``package`` (its path in the package and its bytes), in
    hexadecimal, cut to 16 digits: an entry written by other code is never served, whatever the modules' sizes and
    modification times say. ``parts``: only these subfolders (all of the package when None). Each file is read
    once (about 0.3 MB for exposure's ``load/`` and ``model/``)."""
    root = os.path.abspath(package)
    modules: list[tuple[str, str]] = []
    tops = [os.path.join(root, part) for part in parts] if parts is not None else [root]
    for top in tops:
        for folder, subfolders, files in os.walk(top):
            subfolders[:] = [name for name in subfolders if name != "__pycache__"]
            relative = os.path.relpath(folder, root).replace(os.sep, "/")
            for name in files:
                if name.endswith(".py"):
                    modules.append((name if relative == "." else f"{relative}/{name}", os.path.join(folder, name)))
    from hashlib import sha256  # OpenSSL's: the cache's MAC needs it anyway

    digest = sha256(f"{FORMAT}\0{__version__}\0".encode())
    for name, path in sorted(modules):
        with open(path, "rb") as handle:
            content = handle.read()
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    return str(digest.hexdigest())[:16]


# ----------------------------------------------------------------------------------------------------- folders
def _absolute(value: str | None) -> str | None:
    """An environment variable's path, or None when unset, empty or relative (the XDG rule: "If an implementation
    encounters a relative path in any of these variables it should consider the path invalid and ignore it")."""
    return value if value and os.path.isabs(value) else None


def _xdg(variable: str, default: str) -> Path | None:
    base = _absolute(os.environ.get(variable))
    if base is None:
        home = os.path.expanduser("~")
        if not os.path.isabs(home):  # no home folder known: no cache rather than one in the working directory
            return None
        base = os.path.join(home, default)
    return Path(base) / "exposure"


def cache_dir() -> Path | None:
    """The cache's own folder (``.../exposure-cache-v1``), or None when the cache is off."""
    if os.environ.get("EXPOSURE_NO_CACHE"):
        return None
    explicit = _absolute(os.environ.get("EXPOSURE_CACHE_DIR"))
    if explicit is not None:
        return Path(explicit) / FOLDER
    if sys.platform not in ("darwin", "win32"):  # the XDG rule platformdirs applies, without its import (start-up)
        base = _xdg("XDG_CACHE_HOME", ".cache")
        return None if base is None else base / FOLDER
    from platformdirs import user_cache_path  # the platform's own place: Library/Caches on macOS, LOCALAPPDATA...

    found = user_cache_path("exposure", appauthor=False)
    return found / FOLDER if found.is_absolute() else None


def config_dir() -> Path | None:
    """The user's config folder for exposure, where the cache's key lives (``EXPOSURE_CONFIG_DIR`` moves it)."""
    explicit = _absolute(os.environ.get("EXPOSURE_CONFIG_DIR"))
    if explicit is not None:
        return Path(explicit)
    if sys.platform not in ("darwin", "win32"):
        return _xdg("XDG_CONFIG_HOME", ".config")
    from platformdirs import user_config_path

    found = user_config_path("exposure", appauthor=False)
    return found if found.is_absolute() else None


_READY: set[str] = set()  # folders checked in this process: ours (a directory, not a link, owned by the user)


def _folder_ready(folder: Path, create: bool) -> bool:
    """Whether ``folder`` is the cache's own folder: a real directory (not a link) owned by the user. Created (0700)
    when ``create`` and absent."""
    name = str(folder)
    if name in _READY:
        return True
    try:
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            if not create:
                return False
            os.makedirs(folder.parent, mode=0o700, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder, 0o700)
            info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or (_POSIX and info.st_uid != os.getuid()):
            return False
        if _POSIX and info.st_mode & 0o077 and create:
            os.chmod(folder, 0o700)
    except OSError:
        return False
    _READY.add(name)
    return True


# -------------------------------------------------------------------------------------------------- secret key
def _key() -> bytes | None:
    """The per-user secret key, or None (the cache is then off)."""
    folder = config_dir()
    return None if folder is None else _key_in(str(folder))


@lru_cache(maxsize=8)
def _key_in(folder: str) -> bytes | None:
    path = os.path.join(folder, KEY_FILE)
    key = _read_key(path)
    if key is None and not os.path.lexists(path):
        key = _create_key(folder, path)
    return key


def _read_key(path: str) -> bytes | None:
    """The key in ``path``: 32 bytes in a regular file of the user's, readable by no one else; else None."""
    try:
        fd = os.open(path, _O_READ)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != _MAC_SIZE:
            return None
        if _POSIX and (info.st_uid != os.getuid() or info.st_mode & 0o077):
            return None  # someone else could read it, hence forge entries: no cache
        key = os.read(fd, _MAC_SIZE + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return key if len(key) == _MAC_SIZE else None


def _create_key(folder: str, path: str) -> bytes | None:
    """Create the key: written in full to a new file (0600, ``O_CREAT | O_EXCL``), then linked to its name, so
    that no process ever reads half a key; when two processes race, both use the one linked first."""
    import secrets

    tmp = f"{path}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd = os.open(tmp, _O_CREATE, 0o600)
        try:
            os.write(fd, secrets.token_bytes(_MAC_SIZE))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        except OSError:  # no hard links here: create it in place
            fd = os.open(path, _O_CREATE, 0o600)
            try:
                os.write(fd, secrets.token_bytes(_MAC_SIZE))
            finally:
                os.close(fd)
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return _read_key(path)


# ---------------------------------------------------------------------------------------- authenticated entries
def _mac(key: bytes, fingerprint: str, kind: str, parts: tuple[str, ...], payload: bytes | memoryview) -> bytes:
    import hmac
    import json

    header = json.dumps([FORMAT, fingerprint, kind, list(parts)], ensure_ascii=True).encode() + b"\n"
    mac = hmac.new(key, header, "sha256")
    mac.update(payload)
    return mac.digest()


def _read_file(path: Path) -> bytes | None:
    """The bytes of a regular file (never following a link, never blocking on a pipe), or None."""
    try:
        fd = os.open(path, _O_READ)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_ENTRY:
            return None
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(_MAX_ENTRY + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) <= _MAX_ENTRY else None


def _read_entry(folder: Path, name: str, fingerprint: str, kind: str, parts: tuple[str, ...]) -> str | None:
    """The payload of entry ``name``, if it is one we wrote for exactly (``fingerprint``, ``kind``, ``parts``)."""
    import hmac

    key = _key()
    if key is None or not _folder_ready(folder, create=False):
        return None
    blob = _read_file(folder / name)
    if blob is None or len(blob) < len(_MAGIC) + _MAC_SIZE or not blob.startswith(_MAGIC):
        return None
    start = len(_MAGIC) + _MAC_SIZE
    payload = memoryview(blob)[start:]
    if not hmac.compare_digest(blob[len(_MAGIC) : start], _mac(key, fingerprint, kind, parts, payload)):
        return None
    try:
        return str(payload, "utf-8")
    except UnicodeDecodeError:
        return None


def _write_entry(folder: Path, name: str, fingerprint: str, kind: str, parts: tuple[str, ...], payload: str) -> None:
    """Write an entry atomically, after listing its name in the manifest; a cache that cannot be written (read-only,
    full disk, any OSError) is no error. A folder deleted since it was checked is made again, once."""
    key = _key()
    if key is None:
        return
    try:
        data = payload.encode("utf-8")
    except ValueError:
        return
    if len(data) > _MAX_ENTRY:
        return
    blob = _MAGIC + _mac(key, fingerprint, kind, parts, data) + data
    for _attempt in (1, 2):
        try:
            if not _folder_ready(folder, create=True):
                return
            _list_in_manifest(folder, key, name)
            _atomic_write(folder, name, blob)
            return
        except FileNotFoundError:
            _READY.discard(str(folder))  # someone removed the folder meanwhile (always allowed): check it again
        except (OSError, ValueError):
            return


def _atomic_write(folder: Path, name: str, data: bytes) -> None:
    tmp = folder / f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    fd = os.open(tmp, _O_CREATE, 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, folder / name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# ---------------------------------------------------------------------------------------------------- manifest
_PRUNED: set[str] = set()  # folders whose entries of other code were removed in this process


@cache
def _entry_name() -> Any:
    import re

    return re.compile(r"[0-9a-f]{16}-(?:[0-9a-f]{64}|places)\.(?:doc|pack|vocabulary|rates|idx)")


def _manifest(folder: Path) -> set[str]:
    """The names listed in the manifest (empty if it is absent or does not check)."""
    import json

    text = _read_entry(folder, MANIFEST, "", "manifest", ())
    if text is None:
        return set()
    try:
        names = json.loads(text)
    except ValueError:
        return set()
    pattern = _entry_name()
    if not isinstance(names, list):
        return set()
    return {name for name in names if isinstance(name, str) and pattern.fullmatch(name)}


def _list_in_manifest(folder: Path, key: bytes, name: str) -> None:
    """List ``name`` in the manifest before the entry is written (so that every entry we write can be removed
    later). The first time in a process, also remove the entries of other code, which can never be served again
    (else an edited checkout would leave one set per edit): only names the manifest lists and that match our
    naming pattern, only in our own folder; a file we did not write is never touched."""
    import json

    names = _manifest(folder)
    changed = name not in names
    names.add(name)
    if str(folder) not in _PRUNED:
        _PRUNED.add(str(folder))
        prefix = code_fingerprint() + "-"
        pattern = _entry_name()
        for stale in sorted(n for n in names if not n.startswith(prefix) and pattern.fullmatch(n)):
            try:
                os.unlink(folder / stale)  # a link is removed itself, never what it points to
            except FileNotFoundError:
                pass
            except OSError:
                continue
            names.discard(stale)
            changed = True
    if changed:
        text = json.dumps(sorted(names))
        data = text.encode()
        _atomic_write(folder, MANIFEST, _MAGIC + _mac(key, "", "manifest", (), data) + data)


# ----------------------------------------------------------------------------------------------- JSON encoding
# A payload is JSON in which every object has exactly one key, its tag, and the value is the tag's content:
#   {"3": [...]}   a record of shape 3 of the header (below): the values of its fields, in the class's order
#   {"r": n}       the n-th record already read, again (a record shared by several others is stored once)
#   {"t": [...]} tuple, {"f": [...]} frozenset, {"s": [...]} set, {"m": [k1, v1, k2, v2, ...]} dict,
#   {"d": "1.5"} Decimal, {"D": "2024-01-31"} date, {"q": [1, 3]} Fraction; a JSON array is a list.
# A model payload is a header line, then the value. The header lists the shapes of the records: for each, the
# class's name (from the allow-list), its fields by name, and which fields hold a tuple written as a plain array
# (most tuples are a record's field: this saves a tagged object each). An entry whose header does not give
# exactly the class's own fields is refused, so each value goes to the constructor's parameter of that name
# (passed in order: the same call as by keyword, and cheaper).
# The modules whose records make up packs, the vocabulary and the rates table: every record class they define may
# be stored, and nothing else (incidents, results, conversions are never stored), plus these few of other modules.
_MODEL_MODULES = ("law", "durations", "money", "vocabulary")
_MODEL_CLASSES = (("conditions", ("Name", "Element", "Not", "And", "Or")), ("rates", ("RateTable",)))


@cache
def _records() -> dict[str, tuple[Callable[..., Any], tuple[str, ...]]]:
    """The record classes that a cache entry may name, by ``module.Class``, with their fields: the allow-list,
    made from the model's own modules (above), never from an entry. Nothing else is ever built from an entry."""
    from ..model import conditions, durations, law, money, rates, vocabulary
    from ..model.records import is_record

    modules = {"law": law, "durations": durations, "money": money, "vocabulary": vocabulary}
    modules.update(conditions=conditions, rates=rates)
    found: dict[str, tuple[Callable[..., Any], tuple[str, ...]]] = {}
    for module_name in _MODEL_MODULES:
        module = modules[module_name]
        for name, value in vars(module).items():
            if is_record(value) and value.__module__ == module.__name__:
                found[f"{module_name}.{name}"] = (value, value.__record_fields__)
    for module_name, names in _MODEL_CLASSES:
        for name in names:
            value = getattr(modules[module_name], name)
            found[f"{module_name}.{name}"] = (value, value.__record_fields__)
    found["conditions.Condition"] = (_condition_builder(), CONDITION_FIELDS)
    return found


CONDITION_FIELDS = ("text", "tree", "names")  # what a condition is stored as: never its compiled closures


def _condition_builder() -> Callable[[str, Any, frozenset[str]], Any]:
    """A function making a condition from its text, syntax tree and names, through its constructor, compiled on
    first use (as :meth:`Condition.__setstate__` does): the cache never stores compiled code."""
    from ..model.conditions import And, Condition, Element, Name, Not, Or

    nodes = (Name, Element, Not, And, Or)

    def condition(text: str, tree: Any, names: frozenset[str]) -> Any:
        if text.__class__ is not str or not isinstance(tree, nodes) or names.__class__ is not frozenset:
            raise TypeError("not a condition")
        for name in names:
            if name.__class__ is not str:
                raise TypeError("not a condition")
        made: list[Any] = []

        def first_use(env: Any) -> Any:
            return made[0]._compile_on_first_use(env)  # compiles the tree, which replaces this function

        value = Condition(text=text, tree=tree, fn=first_use, names=names, fns=None)
        made.append(value)
        return value

    return condition


def _dumps(value: object) -> str:
    """``value`` as a payload (see above); TypeError for a type it cannot hold (the entry is then not written)."""
    import json
    from datetime import date
    from decimal import Decimal
    from fractions import Fraction

    from ..model.conditions import Condition

    names = {cls: name for name, (cls, _) in _records().items() if isinstance(cls, type)}
    names[Condition] = "conditions.Condition"
    shared: dict[int, int] = {}
    shapes: dict[tuple[str, tuple[int, ...]], str] = {}
    header: list[list[object]] = []

    def enc(value: Any) -> object:
        cls = value.__class__
        if cls is str or cls is int or cls is bool or value is None or cls is float:
            return value
        if cls is list:
            return [enc(item) for item in value]
        if cls is tuple:
            return {"t": [enc(item) for item in value]}
        if cls is dict:
            flat: list[object] = []
            for key, item in value.items():
                flat.append(enc(key))
                flat.append(enc(item))
            return {"m": flat}
        if cls is Decimal:
            return {"d": str(value)}
        if cls is date:
            return {"D": value.isoformat()}
        if cls is frozenset or cls is set:
            return {"f" if cls is frozenset else "s": [enc(item) for item in value]}
        if cls is Fraction:
            return {"q": [value.numerator, value.denominator]}
        name = names.get(cls)
        if name is None:
            raise TypeError(f"{cls.__qualname__} is not stored in the cache")
        seen = shared.get(id(value))
        if seen is not None:
            return {"r": seen}
        fields = CONDITION_FIELDS if cls is Condition else cls.__record_fields__
        state = value.__dict__
        content: list[object] = []
        tuples: list[int] = []
        for i, field in enumerate(fields):
            item = state[field]
            if item.__class__ is tuple:
                tuples.append(i)
                content.append([enc(part) for part in item])
            else:
                content.append(enc(item))
        shape = shapes.get((name, tuple(tuples)))
        if shape is None:
            shape = shapes[name, tuple(tuples)] = str(len(header))
            header.append([name, list(fields), tuples])
        shared[id(value)] = len(shared)  # numbered when complete: the order in which the decoder completes them
        return {shape: content}

    body = json.dumps(enc(value), ensure_ascii=False, separators=(",", ":"), check_circular=False)
    return json.dumps(header) + "\n" + body


@cache
def _values() -> dict[str, Callable[[Any], Any]]:
    """The builders of the tagged values other than records: each checks the type of what it is given."""
    from datetime import date
    from decimal import Decimal
    from fractions import Fraction

    def tuple_(v: Any) -> tuple[Any, ...]:
        if v.__class__ is not list:
            raise TypeError("not a tuple")
        return tuple(v)

    def frozenset_(v: Any) -> frozenset[Any]:
        if v.__class__ is not list:
            raise TypeError("not a frozenset")
        return frozenset(v)

    def set_(v: Any) -> set[Any]:
        if v.__class__ is not list:
            raise TypeError("not a set")
        return set(v)

    def decimal(v: Any) -> Decimal:
        if v.__class__ is not str:
            raise TypeError("not a decimal")
        return Decimal(v)

    def day(v: Any) -> date:
        if v.__class__ is not str:
            raise TypeError("not a date")
        return date.fromisoformat(v)

    def fraction(v: Any) -> Fraction:
        n, d = v
        if n.__class__ is not int or d.__class__ is not int:
            raise TypeError("not a fraction")
        return Fraction(n, d)

    def mapping(v: Any) -> dict[Any, Any]:
        if v.__class__ is not list or len(v) % 2:
            raise TypeError("not a mapping")
        items = iter(v)
        return dict(zip(items, items, strict=True))

    return {
        "t": tuple_,
        "f": frozenset_,
        "s": set_,
        "d": decimal,
        "D": day,
        "q": fraction,
        "m": mapping,
    }


def _loads(text: str) -> Any:
    """The value in ``text``: only the model's records (of the shapes the header names, with exactly their
    class's fields) and the tagged values above; anything else, a constructor's refusal or malformed JSON raises."""
    import json

    builders: dict[str, tuple[Callable[..., Any], int, tuple[int, ...]]] = {}
    classes = _records()
    first_line, text = text.split("\n", 1)
    for shape, (name, fields, tuples) in enumerate(json.loads(first_line)):
        build, own = classes[name]
        positions = tuple(tuples)
        if tuple(fields) != own or not all(i.__class__ is int and 0 <= i < len(own) for i in positions):
            raise TypeError("the fields do not match the class's")
        builders[str(shape)] = (build, len(own), positions)
    values = dict(_values())
    made: list[Any] = []
    append = made.append

    def shared(n: Any) -> Any:
        if n.__class__ is not int or n < 0:
            raise TypeError("not a reference")
        return made[n]

    values["r"] = shared

    def hook(pairs: list[tuple[str, Any]]) -> Any:
        ((tag, content),) = pairs  # exactly one key, or ValueError
        spec = builders.get(tag)
        if spec is not None:
            build, arity, tuples = spec
            if content.__class__ is not list or len(content) != arity:
                raise TypeError("not a record")
            for i in tuples:
                item = content[i]
                if item.__class__ is not list:
                    raise TypeError("not a tuple")
                content[i] = tuple(item)
            value = build(*content)  # the fields in the class's order: as by keyword (see the header above)
            append(value)
            return value
        return values[tag](content)  # KeyError for any other tag

    # No garbage-collector tuning here: the CLI pauses the collector around loading in its own process; a library
    # caller decides that for its own.
    return json.loads(text, object_pairs_hook=hook)


# ------------------------------------------------------------------------------------------------- documents
def read_bytes(path: Path, display: str) -> tuple[bytes, str]:
    """A rule file's bytes and their SHA-256: a regular file only (a FIFO or a device in a ``--rules`` folder
    would hang or never end), at most the loader's size limit."""
    from .yaml_source import read_limited

    raw = read_limited(path, display)
    return raw, sha256_hex(raw)


def load_document(path: Path, display: str, raw: bytes | None = None, sha: str | None = None) -> tuple[Document, str]:
    """The parsed document for ``path`` and the SHA-256 of its bytes; from the cache when possible."""
    if raw is None or sha is None:
        raw, sha = read_bytes(path, display)
    folder = cache_dir()
    fingerprint = code_fingerprint() if folder is not None else ""
    name = f"{fingerprint}-{sha}.doc"
    if folder is not None:
        text = _read_entry(folder, name, fingerprint, "doc", (sha,))
        if text is not None:
            try:
                doc = _document(text, display)
            except Exception:  # noqa: BLE001 - an entry that does not decode is parsed again, never an error
                doc = None
            if doc is not None:
                doc.text = _lazy_text(raw)
                return doc, sha
    doc = load(decode(raw, display), display)
    if folder is not None:
        try:
            payload = _document_payload(doc)
        except (TypeError, ValueError, RecursionError):
            return doc, sha
        _write_entry(folder, name, fingerprint, "doc", (sha,), payload)
    return doc, sha


def _document_payload(doc: Document) -> str:
    """A document as plain JSON: its data with each Decimal replaced by null and listed apart (with its path), and
    its positions in columns (paths, lines, columns): read back by the C decoder alone, no hook."""
    import json
    from decimal import Decimal

    decimals: list[list[object]] = []

    def plain(value: Any, path: tuple[Any, ...]) -> Any:
        cls = value.__class__
        if cls is dict:
            out = {}
            for key, item in value.items():
                if key.__class__ is not str:
                    raise TypeError("a document's keys are text")
                out[key] = plain(item, (*path, key))
            return out
        if cls is list:
            return [plain(item, (*path, i)) for i, item in enumerate(value)]
        if cls is Decimal:
            decimals.append([str(value), *path])
            return None
        if cls is str or cls is int or cls is bool or value is None:
            return value
        raise TypeError(f"{cls.__qualname__} in a document")

    index: dict[tuple[Any, ...], int] = {(): 0}
    parents: list[int] = []
    parts: list[object] = []

    def number(path: tuple[Any, ...]) -> int:
        """The path's number in the table of paths (each path is its parent's number and its last part)."""
        found = index.get(path)
        if found is None:
            parent = number(path[:-1])
            found = index[path] = len(index)
            parents.append(parent)
            parts.append(path[-1])
        return found

    def positions(marks: dict[tuple[Any, ...], tuple[int, int]]) -> list[list[int]]:
        return [[number(path) for path in marks], [m[0] for m in marks.values()], [m[1] for m in marks.values()]]

    blob = {
        "data": plain(doc.data, ()),
        "decimals": decimals,
        "marks": positions(doc.marks),
        "key_marks": positions(doc.key_marks),
        "quoted": [number(path) for path in doc.quoted],
        "styles": [[number(path) for path in doc.styles], list(doc.styles.values())],
    }
    blob["paths"] = [parents, parts]
    return json.dumps(blob, ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False)


_DOCUMENT_KEYS = frozenset({"data", "decimals", "marks", "key_marks", "quoted", "styles", "paths"})
_INT = frozenset({int})
_STR = frozenset({str})
_PART = frozenset({str, int})


def _no_float(text: str) -> Any:
    raise ValueError("a document entry holds no float")


def _ints(value: Any) -> list[int]:
    """A list of ints, none negative (checked by C-level passes, not a Python loop)."""
    if value.__class__ is not list or not set(map(type, value)) <= _INT or min(value, default=0) < 0:
        raise TypeError("not a list of numbers")
    numbers: list[int] = value
    return numbers


def _path_table(value: Any) -> list[tuple[Any, ...]]:
    """The table of paths: path 0 is the root, path n+1 is path ``parents[n]`` extended by ``parts[n]``."""
    parents, parts = value
    if parts.__class__ is not list or not set(map(type, parts)) <= _PART:
        raise TypeError("not paths")
    table: list[tuple[Any, ...]] = [()]
    append = table.append
    for parent, part in zip(_ints(parents), parts, strict=True):
        append((*table[parent], part))
    return table


def _positions(value: Any, table: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], tuple[int, int]]:
    numbers, lines, cols = value
    paths = map(table.__getitem__, _ints(numbers))
    return dict(zip(paths, zip(_ints(lines), _ints(cols), strict=True), strict=True))


def _document(text: str, display: str) -> Document | None:
    """The document stored in ``text`` (plain data, Decimals and positions only), or None."""
    import json
    from decimal import Decimal

    blob = json.loads(text, parse_float=_no_float, parse_constant=_no_float)
    if blob.__class__ is not dict or blob.keys() != _DOCUMENT_KEYS:
        return None
    data = blob["data"]
    if data.__class__ is not dict and data.__class__ is not list:
        return None
    for row in blob["decimals"]:  # a few per document: each back in its place, which must hold the null
        number, *path = row
        if number.__class__ is not str or not path:
            return None
        target: Any = data
        for part in path[:-1]:
            target = target[part]  # a wrong path raises: the entry is then not used
        last = path[-1]
        if target.__class__ is dict:
            if last.__class__ is not str or target.get(last, 0) is not None:
                return None
        elif target.__class__ is not list or last.__class__ is not int or target[last] is not None:
            return None
        target[last] = Decimal(number)
    table = _path_table(blob["paths"])
    style_paths, style_values = blob["styles"]
    if style_values.__class__ is not list or not set(map(type, style_values)) <= _STR:
        return None
    styles = dict(zip(map(table.__getitem__, _ints(style_paths)), style_values, strict=True))
    quoted = set(map(table.__getitem__, _ints(blob["quoted"])))
    marks, key_marks = _positions(blob["marks"], table), _positions(blob["key_marks"], table)
    return Document(display, data, marks, key_marks, quoted, styles)


def _lazy_text(raw: bytes) -> str:
    """The source text, for exact positions inside a scalar when a problem is reported."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return ""


class PlaceIndex:
    """sha256 of a pack file → the places it applies in, so that packs an incident does not need are never
    even parsed. Stored beside the documents; entries for old file versions are harmless."""

    def __init__(self) -> None:
        folder = cache_dir()
        self.folder = folder
        self.fingerprint = code_fingerprint() if folder is not None else ""
        self.name = f"{self.fingerprint}-places.idx"
        self.path = folder / self.name if folder is not None else None
        self.entries: dict[str, list[str]] = {}
        self.dirty = False
        if folder is not None:
            text = _read_entry(folder, self.name, self.fingerprint, "idx", ("places",))
            if text is not None:
                self.entries = _place_entries(text)

    def get(self, sha: str) -> list[str] | None:
        value = self.entries.get(sha)
        return value if isinstance(value, list) else None

    def put(self, sha: str, places) -> None:
        self.entries[sha] = sorted(places)
        self.dirty = True

    def seed(self, entries: dict[str, list[str]]) -> None:
        """Add known entries (the shipped index) without writing them: they are known at every start anyway."""
        for sha, places in entries.items():
            self.entries.setdefault(sha, places)

    def save(self) -> None:
        if self.folder is not None and self.dirty:
            import json

            payload = json.dumps(self.entries, ensure_ascii=False, separators=(",", ":"))
            _write_entry(self.folder, self.name, self.fingerprint, "idx", ("places",), payload)
            self.dirty = False


def _place_entries(text: str) -> dict[str, list[str]]:
    """The index stored in ``text``: text → list of text, else empty."""
    import json

    try:
        loaded = json.loads(text)
    except ValueError:
        return {}
    if loaded.__class__ is not dict:
        return {}
    for _sha, places in loaded.items():
        if places.__class__ is not list or not all(place.__class__ is str for place in places):
            return {}
    return loaded


# ------------------------------------------------------------------------------------------------- built model
def _built_entry(kind: str, parts: tuple[str, ...]) -> Path | None:
    folder = cache_dir()
    if folder is None or kind not in KINDS or kind in ("doc", "idx"):
        return None
    fingerprint = code_fingerprint()
    key = sha256_hex("\0".join((fingerprint, kind, *parts)).encode())
    return folder / f"{fingerprint}-{key}.{kind}"


def load_built(kind: str, parts: tuple[str, ...], expected: type):
    """The model object stored under (``kind``, ``parts``), or None: absent, corrupt, forged, foreign or not an
    ``expected``."""
    entry = _built_entry(kind, parts)
    if entry is None:
        return None
    text = _read_entry(entry.parent, entry.name, code_fingerprint(), kind, parts)
    if text is None:
        return None
    try:
        value = _loads(text)
    except Exception:  # noqa: BLE001 - any entry that does not decode means: build it again
        return None
    return value if isinstance(value, expected) else None


def store_built(kind: str, parts: tuple[str, ...], value: object) -> None:
    entry = _built_entry(kind, parts)
    if entry is None:
        return
    try:
        payload = _dumps(value)
    except (TypeError, ValueError, RecursionError):
        return  # a value the cache cannot store is built again next time
    _write_entry(entry.parent, entry.name, code_fingerprint(), kind, parts, payload)
