"""The on-disk caches (parsed documents, built packs, vocabulary, rates, place index): same results with and without
them, never stale, never trusted blindly, never deleting what they did not write, never an error."""

import ast
import errno
import json
import os
import stat
import sys
from datetime import date
from pathlib import Path

import pytest

from exposure.load import cache
from exposure.load.cache import load_document
from exposure.load.yaml_source import load_file
from exposure.model import Vocabulary

from .conftest import EXAMPLES, RULES

SRC = Path(cache.__file__)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Every test with its own cache folder and its own key (never the user's)."""
    monkeypatch.setenv("EXPOSURE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("EXPOSURE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("EXPOSURE_NO_CACHE", raising=False)
    return tmp_path / "cache" / cache.FOLDER


RULES_COPY: list[Path] = []  # the packs most tests load: a copy, so that an edit of rules/ meanwhile changes nothing


def snapshot(target: Path) -> Path:
    """A copy of the shipped rules that loads (retried while someone is writing a file of rules/)."""
    import shutil
    import time

    from exposure.load.catalog import load_rules as load
    from exposure.model.problems import InputError

    for attempt in range(10):
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for path in RULES.glob("*.yaml"):
            shutil.copyfile(path, target / path.name)
        saved = os.environ.get("EXPOSURE_NO_CACHE")
        os.environ["EXPOSURE_NO_CACHE"] = "1"
        try:
            load((target,), include_shipped=False)
            return target
        except InputError:
            time.sleep(0.5 * (attempt + 1))
        finally:
            if saved is None:
                del os.environ["EXPOSURE_NO_CACHE"]
            else:
                os.environ["EXPOSURE_NO_CACHE"] = saved
    raise AssertionError("the shipped rules do not load")


@pytest.fixture(scope="module", autouse=True)
def rules_copy(tmp_path_factory):
    RULES_COPY[:] = [snapshot(tmp_path_factory.mktemp("rules") / "rules")]
    yield RULES_COPY[0]
    RULES_COPY.clear()


def load_rules():
    """The rules (of the copy), through the cache as the environment says."""
    from exposure.load.catalog import load_rules as load

    return load((RULES_COPY[0],), include_shipped=False)


def test_cached_document_equals_a_fresh_parse(isolated):
    for name in ("fr.yaml", "de.yaml", "kr.yaml", "rates.yaml"):
        fresh = load_file(RULES / name)
        _, sha = load_document(RULES / name, name)  # parses and writes the cache
        second, sha2 = load_document(RULES / name, name)  # reads the cache
        assert sha == sha2
        assert second.data == fresh.data and second.marks == fresh.marks and second.key_marks == fresh.key_marks
        assert list(second.marks) == list(fresh.marks) and list(second.key_marks) == list(fresh.key_marks)
        assert second.quoted == fresh.quoted and second.styles == fresh.styles
        assert repr(second.data) == repr(fresh.data)  # Decimals stay Decimals, with their exponent
    assert len(list(isolated.glob("*.doc"))) == 4


def test_an_edited_file_is_never_served_from_the_cache(tmp_path):
    pack = tmp_path / "x.yaml"
    pack.write_text("a: 1\n", encoding="utf-8")
    assert load_document(pack, "x.yaml")[0].data == {"a": 1}
    pack.write_text("a: 2\n", encoding="utf-8")
    assert load_document(pack, "x.yaml")[0].data == {"a": 2}


def test_a_corrupt_cache_entry_is_ignored(isolated):
    doc, sha = load_document(RULES / "fr.yaml", "fr.yaml")
    (isolated / f"{cache.code_fingerprint()}-{sha}.doc").write_bytes(b"\x00garbage")
    again, _ = load_document(RULES / "fr.yaml", "fr.yaml")
    assert again.data == doc.data
    os.chmod(isolated, 0o500)  # unwritable cache: still works
    try:
        assert load_document(RULES / "de.yaml", "de.yaml")[0].data
    finally:
        os.chmod(isolated, 0o700)


# ------------------------------------------------------------------------------------------------ built packs
def _assess_examples(rules) -> list[str]:
    from exposure import api
    from exposure.render.json_out import render

    out = []
    for example in sorted(EXAMPLES.glob("*.yaml")):
        incident = api.load_incident(example, rules)
        out.append(render(api.assess(incident, rules, list(rules.packs), as_of=date(2026, 11, 1))))
    return out


def test_packs_from_the_built_cache_assess_exactly_like_freshly_built_ones(isolated, monkeypatch):
    monkeypatch.setenv("EXPOSURE_NO_CACHE", "1")
    fresh_rules = load_rules()
    fresh = _assess_examples(fresh_rules)
    monkeypatch.delenv("EXPOSURE_NO_CACHE")
    load_rules()  # builds and stores
    copy = RULES_COPY[0]
    packs = len(list(copy.glob("*.yaml"))) - len(list(copy.glob("*.tests.yaml"))) - 2
    assert len(list(isolated.glob("*.pack"))) == packs
    assert len(list(isolated.glob("*.vocabulary"))) == 1 and len(list(isolated.glob("*.rates"))) == 1
    cached = load_rules()
    assert _assess_examples(cached) == fresh  # read back from the cache
    # the very same model: every field, every shared record (a source cited by many figures is one object)
    for code, pack in fresh_rules.packs.items():
        assert canonical(cached.packs[code]) == canonical(pack), code
    assert canonical(cached.vocabulary) == canonical(fresh_rules.vocabulary)
    assert canonical(cached.rates) == canonical(fresh_rules.rates)


def canonical(value, seen=None):
    """A value as nested tuples, for comparing models: records with their class and fields (a record met again is
    its first occurrence's number: the sharing is compared too), sets sorted, types kept (a tuple is no list)."""
    from exposure.model.conditions import Condition

    seen = {} if seen is None else seen
    cls = type(value)
    if cls in (list, tuple):
        return (cls.__name__, tuple(canonical(item, seen) for item in value))
    if cls in (set, frozenset):
        return (cls.__name__, tuple(sorted((canonical(item, seen) for item in value), key=repr)))
    if cls is dict:
        return ("dict", tuple((canonical(k, seen), canonical(v, seen)) for k, v in value.items()))
    fields = ("text", "tree", "names") if cls is Condition else getattr(cls, "__record_fields__", None)
    if fields is None:
        return (cls.__name__, repr(value))
    if id(value) in seen:
        return ("again", seen[id(value)])
    seen[id(value)] = len(seen)
    return (cls.__qualname__, tuple((name, canonical(value.__dict__[name], seen)) for name in fields))


def test_every_built_entry_is_read_back_not_rebuilt(isolated, monkeypatch):
    """A warm load reads every pack, the vocabulary and the rates table from the cache: none is rebuilt (the
    rates table used to be, on every run, its class being outside the old unpickler's list)."""
    load_rules()
    built = []
    monkeypatch.setattr(cache, "store_built", lambda kind, parts, value: built.append(kind))
    monkeypatch.setattr(cache, "_write_entry", lambda *args: built.append(args[1]))
    load_rules()
    assert built == []


def test_conditions_are_stored_as_trees_and_compiled_on_first_use(isolated):
    from exposure.model.conditions import Condition

    load_rules()
    for path in isolated.glob("*.pack"):
        text = path.read_bytes()[36:].decode("utf-8")  # after the magic word and the MAC
        assert '"fn"' not in text and '"fns"' not in text and "<function" not in text
        header = json.loads(text.split("\n", 1)[0])
        assert ["conditions.Condition", ["text", "tree", "names"]] in [row[:2] for row in header]
    rules = load_rules()
    offence = rules.packs["FR"].offences[0]
    assert isinstance(offence.when, Condition) and offence.when.fns is None  # not compiled yet
    env = dict.fromkeys(offence.when.names, True)
    fresh_rules = _fresh_rules()
    assert offence.when.value(env) == fresh_rules.packs["FR"].offences[0].when.value(env)
    assert offence.when.fns is not None  # compiled now, once
    assert offence.when.adverse_unknowns({}) == fresh_rules.packs["FR"].offences[0].when.adverse_unknowns({})


def _fresh_rules():
    saved = os.environ.get("EXPOSURE_NO_CACHE")
    os.environ["EXPOSURE_NO_CACHE"] = "1"
    try:
        return load_rules()
    finally:
        if saved is None:
            del os.environ["EXPOSURE_NO_CACHE"]
        else:
            os.environ["EXPOSURE_NO_CACHE"] = saved


def test_a_built_entry_of_the_wrong_type_is_not_served():
    from exposure.model import Pack

    cache.store_built("pack", ("a",), Vocabulary({}))
    assert cache.load_built("pack", ("a",), Pack) is None
    assert isinstance(cache.load_built("pack", ("a",), Vocabulary), Vocabulary)
    assert cache.load_built("pack", ("b",), Vocabulary) is None  # other key parts: another entry


def test_only_the_models_own_records_can_be_stored():
    """The allow-list: every record class the law, durations, money and vocabulary modules define (a class added
    there is stored without a change here), the condition nodes and the rates table; nothing of incidents,
    results or conversions, and nothing a cache entry could name."""
    from exposure.model import conditions, durations, incident, law, money, rates, vocabulary
    from exposure.model.records import is_record

    allowed = {cls for cls, _ in cache._records().values() if isinstance(cls, type)}
    for module in (law, durations, money, vocabulary):
        for value in vars(module).values():
            if is_record(value) and value.__module__ == module.__name__:
                assert value in allowed, value
    assert {conditions.Name, conditions.Element, conditions.Not, conditions.And, conditions.Or} <= allowed
    assert rates.RateTable in allowed and not {rates.Rate, rates.Conversion} & allowed
    assert not {incident.Incident, incident.Party, incident.Counts, conditions.Condition} & allowed
    assert all(is_record(cls) for cls in allowed)
    assert "conditions.Condition" in cache._records()  # built by its own constructor, compiled on first use


def test_the_cache_uses_neither_pickle_nor_marshal():
    imported = set()
    for node in ast.walk(ast.parse(SRC.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    assert not imported & {"pickle", "marshal", "_pickle", "shelve", "copyreg", "importlib"}, imported
    assert "__import__" not in SRC.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------------------------- fingerprint
def test_the_code_fingerprint_changes_with_any_module(tmp_path):
    from exposure.load.cache import fingerprint_of

    (tmp_path / "model.py").write_text("x = 1\n")
    before = fingerprint_of(str(tmp_path))
    (tmp_path / "model.py").write_text("x = 22\n")
    assert fingerprint_of(str(tmp_path)) != before
    after = fingerprint_of(str(tmp_path))
    (tmp_path / "notes.txt").write_text("not code")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "stale.py").write_text("y = 1\n")
    assert fingerprint_of(str(tmp_path)) == after
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "new.py").write_text("")
    assert fingerprint_of(str(tmp_path)) != after


def test_an_edit_keeping_size_and_modification_time_is_detected(tmp_path):
    from exposure.load.cache import fingerprint_of

    package = tmp_path / "pkg"
    (package / "model").mkdir(parents=True)
    module = package / "model" / "law.py"
    module.write_text("MAXIMUM_YEARS = 5\n")
    (package / "__init__.py").write_text("")
    old = module.stat()
    before = fingerprint_of(str(package))
    module.write_text("MAXIMUM_YEARS = 9\n")  # same size
    os.utime(module, ns=(old.st_atime_ns, old.st_mtime_ns))  # same modification time
    now = module.stat()
    assert (now.st_size, now.st_mtime_ns) == (old.st_size, old.st_mtime_ns)
    edited = fingerprint_of(str(package))
    assert edited != before
    module.rename(package / "model" / "lax.py")  # the same bytes under another name: another program too
    assert fingerprint_of(str(package)) not in (before, edited)


def test_the_fingerprint_costs_little():
    import time

    package = os.path.dirname(os.path.dirname(str(SRC)))
    start = time.perf_counter()
    for _ in range(5):
        cache.fingerprint_of(package)
    assert (time.perf_counter() - start) / 5 < 0.05  # about a millisecond; generous for slow CI machines


# ---------------------------------------------------------------------------------------------------- places
@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the XDG rule applies on Linux and other Unixes")
def test_a_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch):
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("EXPOSURE_CACHE_DIR")
    monkeypatch.delenv("EXPOSURE_CONFIG_DIR")
    for relative in ("relative/cache", ".", "cache"):
        monkeypatch.setenv("XDG_CACHE_HOME", relative)
        monkeypatch.setenv("XDG_CONFIG_HOME", relative + "-config")
        assert cache.cache_dir() == home / ".cache" / "exposure" / cache.FOLDER
        assert cache.config_dir() == home / ".config" / "exposure"
    monkeypatch.setenv("EXPOSURE_CACHE_DIR", "relative")  # the same rule for our own variables
    monkeypatch.setenv("EXPOSURE_CONFIG_DIR", "relative")
    assert cache.cache_dir() == home / ".cache" / "exposure" / cache.FOLDER
    assert cache.config_dir() == home / ".config" / "exposure"
    load_document(RULES / "fr.yaml", "fr.yaml")
    assert list(work.iterdir()) == []  # nothing written in the working directory
    assert list((home / ".cache" / "exposure" / cache.FOLDER).glob("*.doc"))
    assert (home / ".config" / "exposure" / cache.KEY_FILE).is_file()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # an absolute one is used
    assert cache.cache_dir() == tmp_path / "xdg" / "exposure" / cache.FOLDER


def test_no_home_means_no_cache_rather_than_one_in_the_working_directory(monkeypatch):
    monkeypatch.delenv("EXPOSURE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # "~" stays "~": no home known
    if sys.platform not in ("darwin", "win32"):
        assert cache.cache_dir() is None


def test_no_cache_turns_it_off(isolated, monkeypatch):
    monkeypatch.setenv("EXPOSURE_NO_CACHE", "1")
    assert cache.cache_dir() is None
    load_document(RULES / "fr.yaml", "fr.yaml")
    cache.store_built("vocabulary", ("a",), Vocabulary({}))
    assert not isolated.exists()


# ------------------------------------------------------------------------------------- permissions and the key
def test_the_cache_is_private_and_its_key_lives_elsewhere(tmp_path, isolated):
    load_rules()
    key = tmp_path / "config" / cache.KEY_FILE
    assert key.is_file() and key.stat().st_size == 32
    assert not list(isolated.rglob(cache.KEY_FILE)) and not list((tmp_path / "cache").rglob("*key*"))
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        assert stat.S_IMODE(isolated.stat().st_mode) == 0o700
        for entry in isolated.iterdir():
            assert stat.S_IMODE(entry.stat().st_mode) == 0o600, entry
    assert not [p for p in isolated.iterdir() if p.name.endswith(".tmp")]  # every write was atomic and complete
    secret = key.read_bytes()
    assert all(secret not in p.read_bytes() for p in isolated.iterdir())


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_key_others_can_read_turns_the_cache_off(tmp_path, isolated):
    cache._key_in.cache_clear()
    load_document(RULES / "fr.yaml", "fr.yaml")
    key = tmp_path / "config" / cache.KEY_FILE
    os.chmod(key, 0o644)
    cache._key_in.cache_clear()
    try:
        assert cache._key() is None
        before = sorted(p.name for p in isolated.iterdir())
        fresh = load_file(RULES / "de.yaml")
        assert load_document(RULES / "de.yaml", "de.yaml")[0].data == fresh.data
        assert sorted(p.name for p in isolated.iterdir()) == before  # nothing written without a trusted key
    finally:
        cache._key_in.cache_clear()


def test_a_key_that_cannot_be_created_turns_the_cache_off_silently(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("EXPOSURE_CONFIG_DIR", str(blocker / "config"))
    fresh = load_file(RULES / "fr.yaml")
    assert load_document(RULES / "fr.yaml", "fr.yaml")[0].data == fresh.data
    assert not (tmp_path / "cache").exists()


def test_a_short_or_foreign_key_is_not_used(tmp_path):
    key = tmp_path / "config" / cache.KEY_FILE
    key.parent.mkdir()
    fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, b"short")
    os.close(fd)
    assert cache._key() is None
    load_document(RULES / "fr.yaml", "fr.yaml")  # works, without a cache
    assert not (tmp_path / "cache").exists()
    assert key.read_bytes() == b"short"  # never replaced behind the user's back


def test_racing_processes_share_one_key(tmp_path):
    folder = str(tmp_path / "shared")
    first = cache._create_key(folder, os.path.join(folder, cache.KEY_FILE))
    second = cache._create_key(folder, os.path.join(folder, cache.KEY_FILE))  # lost the race: uses the first
    assert first is not None and first == second
    assert sorted(os.listdir(folder)) == [cache.KEY_FILE]


# ----------------------------------------------------------------------------------------------------- writes
@pytest.mark.slow  # fills a small file system
def test_a_full_disk_is_a_silent_fallback(isolated, monkeypatch):
    fresh = _assess_examples(_fresh_rules())
    cache._key()  # the key exists; then the disk is full

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    assert _assess_examples(load_rules()) == fresh
    assert _assess_examples(load_rules()) == fresh
    assert not [p for p in isolated.iterdir() if p.is_file()]  # no entry, no half entry, no temporary file
    monkeypatch.undo()


@pytest.mark.parametrize("failing", ["replace", "open", "mkdir"])
def test_any_os_error_on_write_is_a_silent_fallback(tmp_path, monkeypatch, failing):
    cache._key()

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    if failing == "open":
        real_open = os.open

        def refuse_writes(path, flags, *args, **kwargs):
            if flags & os.O_WRONLY:
                raise OSError(errno.EROFS, "Read-only file system")
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse_writes)
    else:
        monkeypatch.setattr(os, failing, refuse)
    rules = load_rules()
    assert sorted(rules.packs) == sorted(_fresh_rules().packs)


def test_the_cli_says_nothing_when_the_disk_is_full(tmp_path):
    """In a real process: ENOSPC on every write leaves the output of ``assess`` exactly as without a cache, with
    exit code 0 and nothing on stderr (neither a bug report nor a traceback)."""
    import subprocess

    example = str(EXAMPLES / "platform-global.yaml")
    env = {
        "PATH": "/usr/bin:/bin",
        "NO_COLOR": "1",
        "EXPOSURE_CACHE_DIR": str(tmp_path / "cache"),
        "EXPOSURE_CONFIG_DIR": str(tmp_path / "config"),
    }
    full_disk = (
        "import errno, os, sys\n"
        "def full(fd, data):\n"
        "    raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "os.write = full\n"
        "from exposure.cli import main\n"
        "sys.argv = ['exposure', 'assess', sys.argv[1], '-f', 'json', '--as-of', '2026-11-01']\n"
        "main()\n"
    )
    config = tmp_path / "config"
    assert cache._create_key(str(config), str(config / cache.KEY_FILE))  # a key: only the entries cannot be written
    args = ["assess", example, "-f", "json", "--as-of", "2026-11-01"]
    plain = subprocess.run(
        [sys.executable, "-m", "exposure", *args], capture_output=True, text=True, env={**env, "EXPOSURE_NO_CACHE": "1"}
    )
    full = subprocess.run([sys.executable, "-c", full_disk, example], capture_output=True, text=True, env=env)
    assert plain.returncode == 0 and full.returncode == 0, full.stderr
    assert full.stdout == plain.stdout and full.stderr == ""
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]


def test_entries_are_written_atomically_and_listed_in_the_manifest(isolated):
    cache.store_built("vocabulary", ("a",), Vocabulary({}))
    load_document(RULES / "fr.yaml", "fr.yaml")
    names = cache._manifest(isolated)
    on_disk = {p.name for p in isolated.iterdir()} - {cache.MANIFEST}
    assert names == on_disk and len(names) == 2
    assert all(cache._entry_name().fullmatch(name) for name in names)


def test_the_cache_is_keyed_by_the_code_that_builds_its_entries_only(tmp_path):
    """load/ and model/ make every entry; an edit up the chain (engine, render) keeps the cache."""
    from exposure.load.cache import BUILDERS, code_fingerprint, fingerprint_of

    for part in ("load", "model", "engine"):
        (tmp_path / part).mkdir()
        (tmp_path / part / "x.py").write_text("x = 1\n")
    before = fingerprint_of(str(tmp_path), BUILDERS)
    (tmp_path / "engine" / "x.py").write_text("x = 2\n")
    assert fingerprint_of(str(tmp_path), BUILDERS) == before
    (tmp_path / "model" / "x.py").write_text("x = 2\n")
    assert fingerprint_of(str(tmp_path), BUILDERS) != before
    import exposure

    assert code_fingerprint() == fingerprint_of(str(Path(exposure.__file__).parent), BUILDERS)


# ------------------------------------------------------------------------------------------ shipped place index
def test_the_shipped_place_index_is_current():
    """rules/places.json must say what each shipped pack says: run scripts/update_place_index.py after an edit."""
    from exposure.load.catalog import PLACE_INDEX_FILE, place_index, shipped_rules_dir

    folder = shipped_rules_dir()
    assert (folder / PLACE_INDEX_FILE).read_text(encoding="utf-8") == place_index(folder), (
        "rules/places.json is stale: run python scripts/update_place_index.py"
    )


def test_the_index_places_are_the_built_packs_places(rules):
    from exposure.load.catalog import shipped_places, shipped_rules_dir

    index = shipped_places(shipped_rules_dir())
    assert len(index) == len(rules.packs)
    for pack in rules.packs.values():
        assert index[pack.sha256] == sorted(pack.applies_in | {pack.code}), pack.code


def test_an_empty_cache_parses_only_the_packs_the_incident_needs(monkeypatch):
    """The first run after an install: the shipped index says where each pack applies, so the others are never
    parsed; an edited pack (its bytes no longer match the index) is parsed, and still found where it applies."""
    from exposure.api import load_rules

    parsed = []
    real = cache.load_document
    monkeypatch.setattr(cache, "load_document", lambda path, *a: parsed.append(path.name) or real(path, *a))
    loaded = load_rules(places=frozenset({"FR"}))
    assert set(loaded.packs) == {"FR", "EU"}  # EU law applies in France
    assert sorted(name for name in parsed if name not in ("vocabulary.yaml", "rates.yaml")) == ["eu.yaml", "fr.yaml"]


def test_a_pack_that_no_longer_matches_the_index_is_parsed(monkeypatch, tmp_path):
    import shutil

    from exposure.api import load_rules
    from exposure.load import catalog

    shipped = catalog.shipped_rules_dir()
    folder = tmp_path / "rules"
    shutil.copytree(shipped, folder)
    gb = folder / "gb.yaml"
    text = gb.read_text(encoding="utf-8")
    assert "\npack: GB\n" in text and "applies_in" not in text
    gb.write_text(text.replace("\npack: GB\n", "\npack: GB\napplies_in: [FR]\n", 1), encoding="utf-8")
    monkeypatch.setattr(catalog, "shipped_rules_dir", lambda: folder)
    assert "GB" in load_rules(places=frozenset({"FR"})).packs  # its index entry is for other bytes: read, not trusted
